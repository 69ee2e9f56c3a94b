-- The language a chat's bot speaks (and, where it reads them, the words it reads): en, de, es,
-- ru or pt-BR (domain/languages.Lang). Chats known before languages speak English.
ALTER TABLE chats ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
