-- Pattern moments: typed, or a voice memo (with its transcript's words and its job's status).

-- name: moments
-- The person's moments since then, newest first.
SELECT mo.id, mo.happened_at, mo.text, mo.memo_id, mo.what_happened, mo.felt, mo.tried, mo.stuck,
       mo.helped, t.text, j.status
FROM moments mo
LEFT JOIN transcripts t ON t.memo_id = mo.memo_id
LEFT JOIN jobs j ON j.memo_id = mo.memo_id
WHERE mo.owner_id = :person_id AND mo.happened_at >= :since
ORDER BY mo.happened_at DESC, mo.id

-- name: one
SELECT mo.id, mo.happened_at, mo.text, mo.memo_id, mo.what_happened, mo.felt, mo.tried, mo.stuck,
       mo.helped, t.text, j.status
FROM moments mo
LEFT JOIN transcripts t ON t.memo_id = mo.memo_id
LEFT JOIN jobs j ON j.memo_id = mo.memo_id
WHERE mo.owner_id = :person_id AND mo.id = :moment_id
