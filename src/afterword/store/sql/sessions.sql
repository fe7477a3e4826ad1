-- Therapy sessions: the appointments a week runs between.

-- name: sessions
-- The person's sessions, oldest first.
SELECT id, starts_at, note FROM therapy_sessions WHERE owner_id = :person_id ORDER BY starts_at

-- name: latest_start
-- When the latest session that has begun began.
SELECT max(starts_at) FROM therapy_sessions WHERE owner_id = :person_id AND starts_at <= :now
