-- The week's one ordinary good thing, and the times it happened.

-- name: newest
-- The newest one named since then.
SELECT id, text, created_at FROM rituals WHERE owner_id = :person_id AND created_at >= :since
ORDER BY created_at DESC LIMIT 1

-- name: occurrences
-- The times it happened, oldest first.
SELECT happened_at FROM ritual_marks WHERE ritual_id = :ritual_id AND owner_id = :person_id
ORDER BY happened_at
