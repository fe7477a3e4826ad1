-- A person's own appreciations, each with the name of the one it was sent to (the other person
-- of the partnership it was sent in, current or not). What a partner sent: partners.sql.

-- name: own
-- Since then, newest first.
SELECT a.id, a.text, a.created_at, a.sent_at, a.partnership_id, o.name
FROM appreciations a
LEFT JOIN partnerships p ON p.id = a.partnership_id
LEFT JOIN people o ON o.id = CASE WHEN p.inviter_id = :person_id THEN p.invitee_id ELSE p.inviter_id END
WHERE a.owner_id = :person_id AND a.created_at >= :since
ORDER BY a.created_at DESC
