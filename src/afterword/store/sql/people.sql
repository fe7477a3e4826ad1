-- People: found by name (the exact spelling first, else in any case, which store.views.people
-- decides in Python, as SQLite's lower() knows only ASCII), and the local person made on first use.

-- name: person_named
SELECT id, name FROM people WHERE name = :name

-- name: people
SELECT id, name, created_at FROM people ORDER BY name

-- name: add_person_once
INSERT INTO people (id, name, created_at, reminders) VALUES (:id, :name, :now, 'discreet')
ON CONFLICT (name) DO NOTHING

-- name: reminder_text
SELECT reminders FROM people WHERE id = :person_id
