-- Marks tapped during a session, each with the headline of the insight that answers it.

-- name: marks
-- Since then, oldest first.
SELECT mk.id, mk.marked_at, mk.memo_id, i.headline
FROM marks mk LEFT JOIN insights i ON i.memo_id = mk.memo_id
WHERE mk.owner_id = :person_id AND mk.marked_at >= :since
ORDER BY mk.marked_at

-- name: open_marks
-- Since then, oldest first, those no memo answers yet.
SELECT mk.id, mk.marked_at, mk.memo_id, NULL
FROM marks mk
WHERE mk.owner_id = :person_id AND mk.marked_at >= :since AND mk.memo_id IS NULL
ORDER BY mk.marked_at

-- name: one
SELECT mk.id, mk.marked_at, mk.memo_id, i.headline
FROM marks mk LEFT JOIN insights i ON i.memo_id = mk.memo_id
WHERE mk.owner_id = :person_id AND mk.id = :mark_id
