-- If-then plans (triggers): each with the headline of the summary it brings back.

-- name: plans
-- The person's plans, oldest first, with when each was made.
SELECT t.id, t.summary_id, i.headline, t.kind, t.cue, t.weekday, t.minute_of_day, t.created_at
FROM triggers t JOIN summaries s ON s.id = t.summary_id JOIN insights i ON i.id = s.insight_id
WHERE t.owner_id = :person_id
ORDER BY t.created_at, t.id
