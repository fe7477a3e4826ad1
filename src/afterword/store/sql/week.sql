-- What belongs to the week as a whole: the focus, and answers about the week.

-- name: newest_focus
SELECT text, created_at FROM focuses WHERE owner_id = :person_id AND created_at >= :since
ORDER BY created_at DESC LIMIT 1

-- name: week_reflections
-- Answers to one week template since then, oldest first.
SELECT answers, created_at FROM week_reflections
WHERE owner_id = :person_id AND created_at >= :since AND template = :template
ORDER BY created_at
