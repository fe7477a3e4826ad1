-- Insights: the capture a person works with, each with its summary's id (when it has one).

-- name: insights
-- The person's insights, newest first (:limit of them; a limit beyond any count reads them all).
SELECT i.id, i.memo_id, i.headline, i.text, i.captured_at, i.therapy_session_id, s.id
FROM insights i LEFT JOIN summaries s ON s.insight_id = i.id
WHERE i.owner_id = :person_id
ORDER BY i.captured_at DESC, i.id LIMIT :limit

-- name: one
SELECT i.id, i.memo_id, i.headline, i.text, i.captured_at, i.therapy_session_id, s.id
FROM insights i LEFT JOIN summaries s ON s.insight_id = i.id
WHERE i.owner_id = :person_id AND i.id = :insight_id

-- name: next_without_summary
-- The newest insight that has no summary yet.
SELECT i.id, i.memo_id, i.headline, i.text, i.captured_at, i.therapy_session_id, s.id
FROM insights i LEFT JOIN summaries s ON s.insight_id = i.id
WHERE i.owner_id = :person_id AND s.id IS NULL
ORDER BY i.captured_at DESC, i.id LIMIT 1

-- name: charge_at_capture
-- How charged each insight felt at capture, when the person said (from its memo).
SELECT i.id, m.charge FROM insights i JOIN memos m ON m.id = i.memo_id
WHERE i.owner_id = :person_id AND m.charge IS NOT NULL
