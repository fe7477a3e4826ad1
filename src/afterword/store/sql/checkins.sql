-- Check-ins, planned and held: each person's own (a partner never sees whether one was logged).

-- name: checkins
-- Oldest first by when each is (or was) planned or held.
SELECT id, planned_at, held_at, question, note FROM check_ins WHERE owner_id = :person_id
ORDER BY coalesce(held_at, planned_at), created_at

-- name: checkins_since
SELECT id, planned_at, held_at, question, note FROM check_ins
WHERE owner_id = :person_id AND (held_at >= :since OR planned_at >= :since)
ORDER BY coalesce(held_at, planned_at), created_at
