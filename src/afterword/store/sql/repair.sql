-- The repair phrase: agreed with the current partner, or one's own; proposals and uses.

-- name: agreed_phrase
WITH {current_partnership}
SELECT r.text FROM current_partnership c JOIN repair_phrases r ON r.partnership_id = c.partnership_id
WHERE r.status = 'agreed'
ORDER BY r.decided_at DESC LIMIT 1

-- name: own_phrase
SELECT text FROM repair_phrases WHERE author_id = :person_id AND status = 'own'
ORDER BY created_at DESC LIMIT 1

-- name: proposal
-- The phrase waiting for an answer in the current partnership, from either partner.
WITH {current_partnership}
SELECT r.text, r.author_id, r.created_at
FROM current_partnership c JOIN repair_phrases r ON r.partnership_id = c.partnership_id
WHERE r.status = 'proposed'
ORDER BY r.created_at DESC LIMIT 1

-- name: uses
-- When the person reached for their phrase since then, oldest first (theirs alone).
SELECT used_at FROM repair_uses WHERE owner_id = :person_id AND used_at >= :since ORDER BY used_at
