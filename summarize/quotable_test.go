package summarize

import "testing"

func TestQuotable(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		// Whole sentences stand alone.
		{"The harbour authority approved a second ferry terminal on Wednesday.", true},
		{`Mr Blair said: "We will not let this go."`, true},
		{"The match ended 2:1 after extra time in front of a full stadium.", true},
		// Too short to say anything on its own.
		{"Scroll down for video.", false},
		{"He declined to comment.", false},
		// Questions.
		{"But who else makes the top ten of the league this season?", false},
		{"“Why would anyone want to live near the port now?” she asked.", true},
		{"Is this the end of the high street as we have known it for decades?”", false},
		// Captions run into the text.
		{"Chaos: crowds were seen running around the park not long after the shooting.", false},
		{"Smoking area : the man was said to have shot himself in a secluded part.", false},
		{"Pictured: the seven-bedroom mansion where the heir spent his formative years.", false},
		// Labels followed by a quotation are attributions, not captions.
		{`Spokeswoman: "We are looking into what happened at the site tonight."`, true},
	}
	for _, tt := range tests {
		var c chunk
		currentLexicon().analyze(tt.text, &c)
		words, terms := wordCount(tt.text), len(c.terms)
		if got := quotable(tt.text, words, terms); got != tt.want {
			t.Errorf("quotable(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestDependent(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		// Pronouns and demonstratives refer back.
		{"He added that the work would start in May.", true},
		{"She said the plan had the support of the unions.", true},
		{"It said profits would fall in the second half.", true},
		{"This comes as the port reported record freight volumes.", true},
		{"These figures were later revised by the statistics office.", true},
		{"Their lawyers said they would appeal against the ruling.", true},
		// A quotation's first word is the speaker's.
		{"“This whole narrative is silly,” Rubio said.", false},
		{`"It is a great day for the city," the mayor said.`, false},
		// A closing quote continues the sentence before.
		{"” he said, before leaving the room.", true},
		// Connectives still leave a whole statement.
		{"But the company said it intends to take action against the buyer.", false},
		{"However, the EU failed to agree on using frozen Russian assets.", false},
		// Names are fine.
		{"Rubio said he may join talks in Miami, his hometown, on Saturday.", false},
		{"There were no reports of injuries.", false},
		{"Itself a former colony, the island voted to stay.", false},
	}
	for _, tt := range tests {
		if got := dependent(tt.text); got != tt.want {
			t.Errorf("dependent(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestQuoteScanner(t *testing.T) {
	tests := []struct {
		before string // the paragraph up to the sentence
		want   bool   // a quotation is open
	}{
		{"", false},
		{"Rubio said on Friday.", false},
		{"“We can’t force Ukraine to make a deal. ", true},
		{"“We can’t force Ukraine to make a deal,” he said. ", false},
		{`"We are committed to a constructive process. `, true},
		{`"We are committed," Umerov wrote. `, false},
		{`He called it "a pitiful excuse". `, false},
		{`Police said he was about 5' 10" tall. `, false},
		{"`` we are committed to the process . ", true},
		{"`` we are committed , '' he wrote . ", false},
		{"Fans chanted «allez» all night. ", false},
	}
	for _, tt := range tests {
		var q quoteScanner
		q.scan(tt.before)
		if q.open != tt.want {
			t.Errorf("after %q quotation open = %v, want %v", tt.before, q.open, tt.want)
		}
	}
}

func TestDangling(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"“We can’t force Ukraine to make a deal.", true},
		{"“We can’t force Ukraine to make a deal,” he said.", false},
		{`Rubio said, "Stopping the war requires both sides to make concessions.`, false},
		{"The vote was a turning point for the city.", false},
	}
	for _, tt := range tests {
		if got := dangling(tt.text); got != tt.want {
			t.Errorf("dangling(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestShowsQuote(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"We can’t force Russia to make a deal.", false}, // an apostrophe is not a quotation mark
		{"They have to want to make a deal.”", true},
		{`They have to want to make a deal."`, true},
		{"they have to want to make a deal . ''", true},
	}
	for _, tt := range tests {
		if got := showsQuote(tt.text); got != tt.want {
			t.Errorf("showsQuote(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
