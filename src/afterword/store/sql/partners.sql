-- Who a person's partner is: the one place the rule is written. Every read of what a partner
-- shared joins this fragment as `current_partnership` (store.queries puts it where a statement
-- says {current_partnership}), and the ORM's store.partners.current_partnership reads it too.
-- A partnership counts while it is active; the reader is :person_id.

-- name: current_partnership
current_partnership AS (
    SELECT p.id AS partnership_id,
           CASE WHEN p.inviter_id = :person_id THEN p.invitee_id ELSE p.inviter_id END AS partner_id,
           p.accepted_at AS accepted_at
    FROM partnerships p
    WHERE p.status = 'active' AND (p.inviter_id = :person_id OR p.invitee_id = :person_id)
    ORDER BY p.accepted_at DESC
    LIMIT 1
)

-- name: partner
-- The reader's current partner: the partnership, the partner's id and name, and since when.
WITH {current_partnership}
SELECT c.partnership_id, o.id, o.name, c.accepted_at
FROM current_partnership c JOIN people o ON o.id = c.partner_id

-- name: partner_shared
-- The summaries the current partner marked as shared, most recently written first, with their
-- headline, newest paragraph and when their insight was captured; nothing else of theirs.
WITH {current_partnership}
SELECT s.id, o.name, i.headline, v.paragraph, i.captured_at, s.updated_at
FROM current_partnership c
JOIN people o ON o.id = c.partner_id
JOIN summaries s ON s.owner_id = c.partner_id
JOIN insights i ON i.id = s.insight_id
JOIN summary_versions v ON v.summary_id = s.id
WHERE s.shared = :shared
  AND v.version = (SELECT max(w.version) FROM summary_versions w WHERE w.summary_id = s.id)
ORDER BY s.updated_at DESC

-- name: partner_week_start
-- When the partner's own week began: their latest session that has begun (its time only).
WITH {current_partnership}
SELECT max(t.starts_at)
FROM current_partnership c JOIN therapy_sessions t ON t.owner_id = c.partner_id
WHERE t.starts_at <= :now

-- name: received
-- What the current partner sent the reader in this partnership, newest first (never one unsent).
WITH {current_partnership}
SELECT a.id, o.name, a.text, a.sent_at, a.seen_at
FROM current_partnership c
JOIN appreciations a ON a.partnership_id = c.partnership_id AND a.owner_id = c.partner_id
JOIN people o ON o.id = c.partner_id
WHERE a.sent_at IS NOT NULL AND a.sent_at >= :since
ORDER BY a.sent_at DESC
LIMIT :limit

-- name: partnership_id
-- The reader's current partnership, for the ORM (store.partners.current_partnership).
WITH {current_partnership}
SELECT partnership_id FROM current_partnership

-- name: invited
-- The name the reader invited, while the invitation waits.
SELECT invitee_name FROM partnerships WHERE inviter_id = :person_id AND status = 'invited'
ORDER BY created_at DESC LIMIT 1

-- name: invitations
-- Invitations waiting for someone, oldest first, with the inviter's name; which of them wait
-- for the reader is decided by name in Python (store.views.people.same_name).
SELECT p.invitee_name, o.name
FROM partnerships p JOIN people o ON o.id = p.inviter_id
WHERE p.status = 'invited'
ORDER BY p.created_at

-- name: own_name
SELECT name FROM people WHERE id = :person_id
