-- Memos: each with its job and (once transcribed) its insight; a memo's transcript with its
-- segments and their versions; search over transcripts; the facts of a memo's audio.

-- name: recent
SELECT m.id, j.status, m.created_at, m.captured_at, m.duration_seconds, m.filename, m.note,
       j.last_error, i.id, i.headline, i.text, i.captured_at, j.attempts, m.content_type, m.size_bytes
FROM memos m JOIN jobs j ON j.memo_id = m.id LEFT JOIN insights i ON i.memo_id = m.id
WHERE m.owner_id = :person_id
ORDER BY m.created_at DESC, m.id LIMIT :limit OFFSET :offset

-- name: count
SELECT count(*) FROM memos WHERE owner_id = :person_id

-- name: one
SELECT m.id, j.status, m.created_at, m.captured_at, m.duration_seconds, m.filename, m.note,
       j.last_error, i.id, i.headline, i.text, i.captured_at, j.attempts, m.content_type, m.size_bytes
FROM memos m JOIN jobs j ON j.memo_id = m.id LEFT JOIN insights i ON i.memo_id = m.id
WHERE m.id = :memo_id AND m.owner_id = :person_id

-- name: search_sqlite
-- Full-text search with SQLite's FTS5 (each word a quoted prefix term), best first.
SELECT m.id, j.status, m.created_at, m.captured_at, m.duration_seconds, m.filename, m.note,
       j.last_error, i.id, i.headline, i.text, i.captured_at, j.attempts, m.content_type, m.size_bytes
FROM memos m JOIN jobs j ON j.memo_id = m.id LEFT JOIN insights i ON i.memo_id = m.id
JOIN transcripts t ON t.memo_id = m.id
JOIN transcripts_fts f ON f.transcript_id = t.id
WHERE transcripts_fts MATCH :query AND f.owner_id = :person_id AND m.owner_id = :person_id
ORDER BY f.rank LIMIT :limit

-- name: search_postgresql
-- Full-text search with PostgreSQL's tsvector and its GIN index, best first.
SELECT m.id, j.status, m.created_at, m.captured_at, m.duration_seconds, m.filename, m.note,
       j.last_error, i.id, i.headline, i.text, i.captured_at, j.attempts, m.content_type, m.size_bytes
FROM memos m JOIN jobs j ON j.memo_id = m.id LEFT JOIN insights i ON i.memo_id = m.id
JOIN transcripts t ON t.memo_id = m.id
WHERE t.owner_id = :person_id AND m.owner_id = :person_id
  AND t.search_vector @@ plainto_tsquery('english', :query)
ORDER BY ts_rank(t.search_vector, plainto_tsquery('english', :query)) DESC LIMIT :limit

-- name: transcript
SELECT id, text, language, model, device, compute_type, audio_seconds, processing_seconds, created_at
FROM transcripts WHERE memo_id = :memo_id AND owner_id = :person_id

-- name: segments
SELECT id, position, start, "end", text, words, avg_logprob, no_speech_prob, compression_ratio, temperature
FROM segments WHERE transcript_id = :transcript_id ORDER BY position

-- name: segment_versions
-- Every version of the transcript's corrected segments, oldest first (version 0: as heard).
SELECT v.segment_id, v.version, v.text, v.created_at
FROM segment_versions v JOIN segments s ON s.id = v.segment_id
WHERE s.transcript_id = :transcript_id AND v.owner_id = :person_id
ORDER BY v.segment_id, v.version

-- name: audio
-- What serving a memo's audio needs to know of it.
SELECT id, sha256, filename, content_type, duration_seconds FROM memos
WHERE id = :memo_id AND owner_id = :person_id
