-- Recall attempts, with the insight each was about.

-- name: recalls
-- Since then, oldest first.
SELECT r.insight_id, r.day, r.answer, r.recalled_at, i.headline
FROM recalls r JOIN insights i ON i.id = r.insight_id
WHERE r.owner_id = :person_id AND r.recalled_at >= :since
ORDER BY r.recalled_at
