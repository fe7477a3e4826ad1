-- A person's vocabulary: theirs alone (no one else, a partner included, ever reads it).

-- name: words
-- In the order they were added.
SELECT id, word, created_at FROM vocabulary_words WHERE owner_id = :person_id ORDER BY created_at, word
