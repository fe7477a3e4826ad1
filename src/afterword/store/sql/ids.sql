-- Finding by the first characters of an id: a helper of the CLI, where people type the short ids
-- it prints. The API looks ids up exactly. An id is compared as plain hex on both databases
-- (SQLite stores 32 hex digits, PostgreSQL a uuid); each reads at most :limit rows.

-- name: memo
SELECT id FROM memos WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: thought_by_insight
SELECT id FROM insights WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: thought_by_memo
SELECT i.id FROM memos m JOIN insights i ON i.memo_id = m.id
WHERE m.owner_id = :person_id AND i.owner_id = :person_id
  AND replace(CAST(m.id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: thought_by_summary
SELECT insight_id FROM summaries WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: session
SELECT id FROM therapy_sessions WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: plan
SELECT id FROM triggers WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: moment
SELECT id FROM moments WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: appreciation
SELECT id FROM appreciations WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: checkin
SELECT id FROM check_ins WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit

-- name: mark
SELECT id FROM marks WHERE owner_id = :person_id
  AND replace(CAST(id AS VARCHAR), '-', '') LIKE :pattern LIMIT :limit
