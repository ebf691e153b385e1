package bot

import (
	"testing"
)

// TestReplies sends each event of testdata/events to the bot and compares
// everything it sent Discord with testdata/<event>.golden.
func TestReplies(t *testing.T) {
	t.Parallel()
	tests := []string{
		// /ask: an answer, nothing found, one article, and questions
		// refused before any search.
		"ask",
		"ask_not_found",
		"ask_article",
		"ask_article_unknown",
		"ask_hostile", // echoed text escaped, nobody pinged
		"ask_long",
		"ask_empty",
		"ask_stopwords",
		"ask_dm",

		// /summary by ID (what autocomplete sends) and by title words.
		"summary",
		"summary_title",
		"summary_unknown",

		"articles",
		"help",

		// /brief always defers (see also TestDeferredReplies); a date it
		// cannot read is refused at once.
		"brief_bad_date",

		// Autocomplete of article options.
		"autocomplete_summary",
		"autocomplete_empty",
		"autocomplete_ask",
		"autocomplete_none",

		// Buttons under an answer. More quotes from the long inquiry
		// report runs past the embed's 4,096 characters and is trimmed
		// at a quote, with a note.
		"button_more",
		"button_more_article",
		"button_summary",
		"button_unknown",

		// Mentions in a server and DMs: the same answers, as replies.
		"mention",
		"mention_nick",
		"mention_hostile",
		"mention_empty",
		"mention_greeting", // nothing to search for: asked for words, not told nothing was found
		"mention_long",
		"dm",
	}
	for _, name := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := newTestBot(t)
			e := mustReadEvent(t, name)
			n := len(b.fake.Requests())
			b.send(t, e)
			id, _ := e["id"].(string)
			golden(t, name, renderRequests(b.since(n), id))
		})
	}
}
