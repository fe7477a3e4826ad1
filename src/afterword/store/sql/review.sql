-- Review at the moment of use: the person's summaries as cards (headline, newest paragraph,
-- plans), and the re-readings and recalls it logs (review's fast path writes them in plain SQL).

-- name: cards
-- The person's summaries, most recently written first, with the newest version's paragraph.
SELECT s.id, i.headline, v.paragraph, s.updated_at, i.id
FROM summaries s
JOIN insights i ON i.id = s.insight_id
JOIN summary_versions v ON v.summary_id = s.id
WHERE s.owner_id = :person_id
  AND v.version = (SELECT max(w.version) FROM summary_versions w WHERE w.summary_id = s.id)
ORDER BY s.updated_at DESC

-- name: cues
SELECT id, summary_id, kind, cue, weekday, minute_of_day FROM triggers
WHERE owner_id = :person_id ORDER BY created_at

-- name: owns_summary
SELECT 1 FROM summaries WHERE id = :summary_id AND owner_id = :person_id

-- name: owns_plan
-- The plan, as a plan for that summary.
SELECT 1 FROM triggers WHERE id = :trigger_id AND summary_id = :summary_id AND owner_id = :person_id

-- name: add_review
INSERT INTO reviews (id, owner_id, summary_id, trigger_id, answer, reviewed_at)
VALUES (:id, :person_id, :summary_id, :trigger_id, NULL, :at)

-- name: review_of_anyone
-- Whose a review with this id is, and its summary: a phone's own id may be taken.
SELECT owner_id, summary_id FROM reviews WHERE id = :id

-- name: own_review
SELECT 1 FROM reviews WHERE id = :id AND owner_id = :person_id

-- name: set_answer
UPDATE reviews SET answer = :value WHERE id = :id AND owner_id = :person_id

-- name: set_charge
UPDATE reviews SET charge = :value WHERE id = :id AND owner_id = :person_id

-- name: own_insight
SELECT 1 FROM insights WHERE id = :insight_id AND owner_id = :person_id

-- name: add_recall
INSERT INTO recalls (id, owner_id, insight_id, day, answer, recalled_at)
VALUES (:id, :person_id, :insight_id, :day, :answer, :at)

-- name: reviews
-- The person's re-readings since then, oldest first.
SELECT id, summary_id, trigger_id, answer, charge, reviewed_at FROM reviews
WHERE owner_id = :person_id AND reviewed_at >= :since
ORDER BY reviewed_at
