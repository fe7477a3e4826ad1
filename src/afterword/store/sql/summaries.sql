-- Own-words summaries: each with its insight's headline and its current (newest) version; every
-- version of one; the answers an edit starts from.

-- name: summaries
-- The person's summaries, most recently written first.
SELECT s.id, s.insight_id, i.headline, i.captured_at, v.paragraph, v.version, s.shared, s.updated_at
FROM summaries s JOIN insights i ON i.id = s.insight_id
JOIN summary_versions v ON v.summary_id = s.id
 AND v.version = (SELECT max(version) FROM summary_versions WHERE summary_id = s.id)
WHERE s.owner_id = :person_id
ORDER BY s.updated_at DESC, s.id

-- name: one
SELECT s.id, s.insight_id, i.headline, i.captured_at, v.paragraph, v.version, s.shared, s.updated_at
FROM summaries s JOIN insights i ON i.id = s.insight_id
JOIN summary_versions v ON v.summary_id = s.id
 AND v.version = (SELECT max(version) FROM summary_versions WHERE summary_id = s.id)
WHERE s.owner_id = :person_id AND s.id = :summary_id

-- name: of_insight
SELECT id FROM summaries WHERE insight_id = :insight_id AND owner_id = :person_id

-- name: versions
-- Every version of the summary, oldest first.
SELECT v.version, v.template, v.answers, v.paragraph, v.created_at
FROM summary_versions v JOIN summaries s ON s.id = v.summary_id
WHERE s.id = :summary_id AND s.owner_id = :person_id
ORDER BY v.version

-- name: newest_answers
-- The answers of the summary's newest version written with this template.
SELECT v.answers FROM summary_versions v JOIN summaries s ON s.id = v.summary_id
WHERE s.id = :summary_id AND s.owner_id = :person_id AND v.template = :template
ORDER BY v.version DESC LIMIT 1
