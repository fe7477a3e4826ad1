BEGIN;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE people (
	id CHAR(32) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, reminders VARCHAR(16) DEFAULT 'discreet' NOT NULL, 
	CONSTRAINT pk_people PRIMARY KEY (id), 
	CONSTRAINT uq_people_name UNIQUE (name)
);
CREATE TABLE memos (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size_bytes INTEGER NOT NULL, 
	content_type VARCHAR(100), 
	filename VARCHAR(255), 
	duration_seconds FLOAT NOT NULL, 
	note TEXT, 
	captured_at DATETIME, 
	created_at DATETIME NOT NULL, kind VARCHAR(16) DEFAULT 'insight' NOT NULL, charge INTEGER, 
	CONSTRAINT pk_memos PRIMARY KEY (id), 
	CONSTRAINT fk_memos_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_memos_owner_id UNIQUE (owner_id, sha256)
);
CREATE INDEX ix_memos_created_at ON memos (created_at);
CREATE INDEX ix_memos_owner_id ON memos (owner_id);
CREATE INDEX ix_memos_sha256 ON memos (sha256);
CREATE TABLE transcripts (
	id CHAR(32) NOT NULL, 
	memo_id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	text TEXT NOT NULL, 
	language VARCHAR(16) NOT NULL, 
	language_probability FLOAT NOT NULL, 
	model VARCHAR(255) NOT NULL, 
	device VARCHAR(16) NOT NULL, 
	compute_type VARCHAR(32) NOT NULL, 
	audio_seconds FLOAT NOT NULL, 
	processing_seconds FLOAT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_transcripts PRIMARY KEY (id), 
	CONSTRAINT fk_transcripts_memo_id_memos FOREIGN KEY(memo_id) REFERENCES memos (id) ON DELETE CASCADE, 
	CONSTRAINT fk_transcripts_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_transcripts_memo_id UNIQUE (memo_id)
);
CREATE INDEX ix_transcripts_owner_id ON transcripts (owner_id);
CREATE TABLE segments (
	id INTEGER NOT NULL, 
	transcript_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	start FLOAT NOT NULL, 
	"end" FLOAT NOT NULL, 
	text TEXT NOT NULL, 
	words JSON NOT NULL, avg_logprob FLOAT DEFAULT '0' NOT NULL, no_speech_prob FLOAT DEFAULT '0' NOT NULL, compression_ratio FLOAT DEFAULT '0' NOT NULL, temperature FLOAT DEFAULT '0' NOT NULL, 
	CONSTRAINT pk_segments PRIMARY KEY (id), 
	CONSTRAINT fk_segments_transcript_id_transcripts FOREIGN KEY(transcript_id) REFERENCES transcripts (id) ON DELETE CASCADE, 
	CONSTRAINT uq_segments_transcript_id UNIQUE (transcript_id, position)
);
CREATE INDEX ix_segments_transcript_id ON segments (transcript_id);
CREATE VIRTUAL TABLE transcripts_fts USING fts5(text, transcript_id UNINDEXED, owner_id UNINDEXED, tokenize='porter unicode61');
CREATE TRIGGER transcripts_fts_insert AFTER INSERT ON transcripts BEGIN INSERT INTO transcripts_fts (text, transcript_id, owner_id) VALUES (new.text, new.id, new.owner_id); END;
CREATE TRIGGER transcripts_fts_delete AFTER DELETE ON transcripts BEGIN DELETE FROM transcripts_fts WHERE transcript_id = old.id; END;
CREATE TRIGGER transcripts_fts_update AFTER UPDATE OF text ON transcripts BEGIN UPDATE transcripts_fts SET text = new.text WHERE transcript_id = old.id; END;
CREATE TABLE api_tokens (
	id CHAR(32) NOT NULL, 
	person_id CHAR(32) NOT NULL, 
	label VARCHAR(100) NOT NULL, 
	secret_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_used_at DATETIME, 
	revoked_at DATETIME, parent_id CHAR(32), 
	CONSTRAINT pk_api_tokens PRIMARY KEY (id), 
	CONSTRAINT fk_api_tokens_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_tokens_person_id ON api_tokens (person_id);
CREATE TABLE focuses (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	text TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_focuses PRIMARY KEY (id), 
	CONSTRAINT fk_focuses_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_focuses_owner_id ON focuses (owner_id);
CREATE TABLE therapy_sessions (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	starts_at DATETIME NOT NULL, 
	note TEXT, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_therapy_sessions PRIMARY KEY (id), 
	CONSTRAINT fk_therapy_sessions_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_therapy_sessions_owner_id UNIQUE (owner_id, starts_at)
);
CREATE INDEX ix_therapy_sessions_owner_id ON therapy_sessions (owner_id);
CREATE TABLE "insights" (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	memo_id CHAR(32) NOT NULL, 
	text TEXT NOT NULL, 
	headline TEXT NOT NULL, 
	captured_at DATETIME NOT NULL, 
	created_at DATETIME NOT NULL, 
	therapy_session_id CHAR(32), 
	CONSTRAINT pk_insights PRIMARY KEY (id), 
	CONSTRAINT fk_insights_memo_id_memos FOREIGN KEY(memo_id) REFERENCES memos (id) ON DELETE CASCADE, 
	CONSTRAINT uq_insights_memo_id UNIQUE (memo_id), 
	CONSTRAINT fk_insights_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_insights_therapy_session_id_therapy_sessions FOREIGN KEY(therapy_session_id) REFERENCES therapy_sessions (id) ON DELETE SET NULL
);
CREATE INDEX ix_insights_owner_id ON insights (owner_id);
CREATE INDEX ix_insights_therapy_session_id ON insights (therapy_session_id);
CREATE TABLE week_reflections (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	template VARCHAR(100) NOT NULL, 
	answers JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_week_reflections PRIMARY KEY (id), 
	CONSTRAINT fk_week_reflections_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_week_reflections_owner_id ON week_reflections (owner_id);
CREATE TABLE summaries (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	insight_id CHAR(32) NOT NULL, 
	shared BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_summaries PRIMARY KEY (id), 
	CONSTRAINT fk_summaries_insight_id_insights FOREIGN KEY(insight_id) REFERENCES insights (id) ON DELETE CASCADE, 
	CONSTRAINT fk_summaries_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_summaries_insight_id UNIQUE (insight_id)
);
CREATE INDEX ix_summaries_owner_id ON summaries (owner_id);
CREATE TABLE summary_versions (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	summary_id CHAR(32) NOT NULL, 
	version INTEGER NOT NULL, 
	template VARCHAR(100) NOT NULL, 
	answers JSON NOT NULL, 
	paragraph TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_summary_versions PRIMARY KEY (id), 
	CONSTRAINT fk_summary_versions_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_summary_versions_summary_id_summaries FOREIGN KEY(summary_id) REFERENCES summaries (id) ON DELETE CASCADE, 
	CONSTRAINT uq_summary_versions_summary_id UNIQUE (summary_id, version)
);
CREATE INDEX ix_summary_versions_owner_id ON summary_versions (owner_id);
CREATE INDEX ix_summary_versions_summary_id ON summary_versions (summary_id);
CREATE TABLE triggers (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	summary_id CHAR(32) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	cue TEXT NOT NULL, 
	weekday INTEGER, 
	minute_of_day INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_triggers PRIMARY KEY (id), 
	CONSTRAINT fk_triggers_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_triggers_summary_id_summaries FOREIGN KEY(summary_id) REFERENCES summaries (id) ON DELETE CASCADE
);
CREATE INDEX ix_triggers_owner_id ON triggers (owner_id);
CREATE INDEX ix_triggers_summary_id ON triggers (summary_id);
CREATE TABLE reviews (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	summary_id CHAR(32) NOT NULL, 
	trigger_id CHAR(32), 
	answer VARCHAR(16), 
	reviewed_at DATETIME NOT NULL, charge INTEGER, 
	CONSTRAINT pk_reviews PRIMARY KEY (id), 
	CONSTRAINT fk_reviews_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_reviews_summary_id_summaries FOREIGN KEY(summary_id) REFERENCES summaries (id) ON DELETE CASCADE, 
	CONSTRAINT fk_reviews_trigger_id_triggers FOREIGN KEY(trigger_id) REFERENCES triggers (id) ON DELETE SET NULL
);
CREATE INDEX ix_reviews_owner_id ON reviews (owner_id);
CREATE INDEX ix_reviews_summary_id ON reviews (summary_id);
CREATE INDEX ix_reviews_trigger_id ON reviews (trigger_id);
CREATE TABLE audio_blobs (
	sha256 VARCHAR(64) NOT NULL, 
	data BLOB NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_audio_blobs PRIMARY KEY (sha256)
);
CREATE TABLE check_ins (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	planned_at DATETIME, 
	held_at DATETIME, 
	question TEXT, 
	note TEXT, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_check_ins PRIMARY KEY (id), 
	CONSTRAINT fk_check_ins_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_check_ins_owner_id ON check_ins (owner_id);
CREATE TABLE partnerships (
	id CHAR(32) NOT NULL, 
	inviter_id CHAR(32) NOT NULL, 
	invitee_name VARCHAR(100) NOT NULL, 
	invitee_id CHAR(32), 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	accepted_at DATETIME, 
	ended_at DATETIME, 
	CONSTRAINT pk_partnerships PRIMARY KEY (id), 
	CONSTRAINT fk_partnerships_invitee_id_people FOREIGN KEY(invitee_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_partnerships_inviter_id_people FOREIGN KEY(inviter_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_partnerships_invitee_id ON partnerships (invitee_id);
CREATE INDEX ix_partnerships_invitee_name ON partnerships (invitee_name);
CREATE INDEX ix_partnerships_inviter_id ON partnerships (inviter_id);
CREATE TABLE repair_uses (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	phrase TEXT NOT NULL, 
	note TEXT, 
	used_at DATETIME NOT NULL, 
	CONSTRAINT pk_repair_uses PRIMARY KEY (id), 
	CONSTRAINT fk_repair_uses_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_repair_uses_owner_id ON repair_uses (owner_id);
CREATE TABLE rituals (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	text TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_rituals PRIMARY KEY (id), 
	CONSTRAINT fk_rituals_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_rituals_owner_id ON rituals (owner_id);
CREATE TABLE appreciations (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	text TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	partnership_id CHAR(32), 
	sent_at DATETIME, 
	seen_at DATETIME, 
	CONSTRAINT pk_appreciations PRIMARY KEY (id), 
	CONSTRAINT fk_appreciations_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_appreciations_partnership_id_partnerships FOREIGN KEY(partnership_id) REFERENCES partnerships (id) ON DELETE CASCADE
);
CREATE INDEX ix_appreciations_owner_id ON appreciations (owner_id);
CREATE INDEX ix_appreciations_partnership_id ON appreciations (partnership_id);
CREATE TABLE marks (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	marked_at DATETIME NOT NULL, 
	memo_id CHAR(32), 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_marks PRIMARY KEY (id), 
	CONSTRAINT fk_marks_memo_id_memos FOREIGN KEY(memo_id) REFERENCES memos (id) ON DELETE SET NULL, 
	CONSTRAINT fk_marks_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_marks_marked_at ON marks (marked_at);
CREATE INDEX ix_marks_memo_id ON marks (memo_id);
CREATE INDEX ix_marks_owner_id ON marks (owner_id);
CREATE TABLE moments (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	happened_at DATETIME NOT NULL, 
	text TEXT, 
	memo_id CHAR(32), 
	what_happened TEXT, 
	felt TEXT, 
	tried TEXT, 
	stuck TEXT, 
	helped TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_moments PRIMARY KEY (id), 
	CONSTRAINT fk_moments_memo_id_memos FOREIGN KEY(memo_id) REFERENCES memos (id) ON DELETE CASCADE, 
	CONSTRAINT fk_moments_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_moments_memo_id UNIQUE (memo_id)
);
CREATE INDEX ix_moments_happened_at ON moments (happened_at);
CREATE INDEX ix_moments_owner_id ON moments (owner_id);
CREATE TABLE repair_phrases (
	id CHAR(32) NOT NULL, 
	author_id CHAR(32) NOT NULL, 
	partnership_id CHAR(32), 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	decided_at DATETIME, 
	CONSTRAINT pk_repair_phrases PRIMARY KEY (id), 
	CONSTRAINT fk_repair_phrases_author_id_people FOREIGN KEY(author_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_repair_phrases_partnership_id_partnerships FOREIGN KEY(partnership_id) REFERENCES partnerships (id) ON DELETE CASCADE
);
CREATE INDEX ix_repair_phrases_author_id ON repair_phrases (author_id);
CREATE INDEX ix_repair_phrases_partnership_id ON repair_phrases (partnership_id);
CREATE TABLE ritual_marks (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	ritual_id CHAR(32) NOT NULL, 
	happened_at DATETIME NOT NULL, 
	CONSTRAINT pk_ritual_marks PRIMARY KEY (id), 
	CONSTRAINT fk_ritual_marks_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_ritual_marks_ritual_id_rituals FOREIGN KEY(ritual_id) REFERENCES rituals (id) ON DELETE CASCADE
);
CREATE INDEX ix_ritual_marks_owner_id ON ritual_marks (owner_id);
CREATE INDEX ix_ritual_marks_ritual_id ON ritual_marks (ritual_id);
CREATE TABLE recalls (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	insight_id CHAR(32) NOT NULL, 
	day INTEGER, 
	answer VARCHAR(16) NOT NULL, 
	recalled_at DATETIME NOT NULL, 
	CONSTRAINT pk_recalls PRIMARY KEY (id), 
	CONSTRAINT fk_recalls_insight_id_insights FOREIGN KEY(insight_id) REFERENCES insights (id) ON DELETE CASCADE, 
	CONSTRAINT fk_recalls_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX ix_recalls_insight_id ON recalls (insight_id);
CREATE INDEX ix_recalls_owner_id ON recalls (owner_id);
CREATE TABLE segment_versions (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	segment_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	words JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_segment_versions PRIMARY KEY (id), 
	CONSTRAINT fk_segment_versions_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_segment_versions_segment_id_segments FOREIGN KEY(segment_id) REFERENCES segments (id) ON DELETE CASCADE, 
	CONSTRAINT uq_segment_versions_segment_id UNIQUE (segment_id, version)
);
CREATE INDEX ix_segment_versions_owner_id ON segment_versions (owner_id);
CREATE INDEX ix_segment_versions_segment_id ON segment_versions (segment_id);
CREATE TABLE vocabulary_words (
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	word VARCHAR(60) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_vocabulary_words PRIMARY KEY (id), 
	CONSTRAINT fk_vocabulary_words_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_vocabulary_words_owner_id UNIQUE (owner_id, word)
);
CREATE INDEX ix_vocabulary_words_owner_id ON vocabulary_words (owner_id);
CREATE TABLE "jobs" (
	id INTEGER NOT NULL, 
	memo_id CHAR(32) NOT NULL, 
	status VARCHAR(9) NOT NULL, 
	attempts INTEGER NOT NULL, 
	run_after DATETIME NOT NULL, 
	lease_until DATETIME, 
	worker_id VARCHAR(100), 
	last_error VARCHAR(500), 
	created_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	options JSON DEFAULT '{}' NOT NULL, alone BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_jobs PRIMARY KEY (id), 
	CONSTRAINT fk_jobs_memo_id_memos FOREIGN KEY(memo_id) REFERENCES memos (id) ON DELETE CASCADE, 
	CONSTRAINT uq_jobs_memo_id UNIQUE (memo_id)
);
CREATE INDEX ix_jobs_status ON jobs (status);
CREATE TABLE workers_seen (
	worker_id VARCHAR(100) NOT NULL, 
	started_at DATETIME NOT NULL, 
	seen_at DATETIME NOT NULL, 
	lease_until DATETIME NOT NULL, 
	stopped_at DATETIME, 
	CONSTRAINT pk_workers_seen PRIMARY KEY (worker_id)
);
CREATE INDEX ix_api_tokens_parent_id ON api_tokens (parent_id);
CREATE TABLE "signin_codes" (
	id CHAR(32) NOT NULL, 
	person_id CHAR(32) NOT NULL, 
	code_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	used_at DATETIME, 
	token_id CHAR(32), 
	CONSTRAINT pk_signin_codes PRIMARY KEY (id), 
	CONSTRAINT uq_signin_codes_code_hash UNIQUE (code_hash), 
	CONSTRAINT fk_signin_codes_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_signin_codes_token_id_api_tokens FOREIGN KEY(token_id) REFERENCES api_tokens (id) ON DELETE CASCADE
);
CREATE INDEX ix_signin_codes_person_id ON signin_codes (person_id);
CREATE INDEX ix_signin_codes_token_id ON signin_codes (token_id);
INSERT INTO alembic_version (version_num) VALUES ('0011');
COMMIT;
