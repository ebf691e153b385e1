package retrieval

import (
	"slices"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Plain cases.
		{"one", "The talks ended.", []string{"The talks ended."}},
		{"two", "The talks ended. Both sides left.", []string{"The talks ended.", "Both sides left."}},
		{"no final stop", "The talks ended", []string{"The talks ended"}},
		{"empty", "", nil},
		{"spaces only", "   ", nil},
		{"symbols only", "— … —", nil},
		{"question and exclamation", "Is it over? Nobody knows! Wait.", []string{"Is it over?", "Nobody knows!", "Wait."}},
		// Abbreviations and initials.
		{"title", "Mr. Smith met Dr. Jones. They spoke.", []string{"Mr. Smith met Dr. Jones.", "They spoke."}},
		{"U.S. before a noun", "The U.S. Senate voted. It passed.", []string{"The U.S. Senate voted.", "It passed."}},
		{"U.S. ending a sentence", "He moved to the U.S. The move was quick.", []string{"He moved to the U.S.", "The move was quick."}},
		{"month", "It began on Jan. 5 in the capital.", []string{"It began on Jan. 5 in the capital."}},
		{"number", "He lives at No. 10 Downing Street.", []string{"He lives at No. 10 Downing Street."}},
		{"a.m.", "It starts at 9 a.m. Eastern time.", []string{"It starts at 9 a.m. Eastern time."}},
		{"a.m. ending", "It started at 9 a.m. The crowd cheered.", []string{"It started at 9 a.m.", "The crowd cheered."}},
		{"initials", "Author J. K. Rowling spoke.", []string{"Author J. K. Rowling spoke."}},
		{"saint", "They met in St. Louis on Friday.", []string{"They met in St. Louis on Friday."}},
		{"company", "Acme Inc. said profits rose.", []string{"Acme Inc. said profits rose."}},
		// Numbers and money.
		{"decimals", "Growth was 2.5% and debt $4.5bn. Prices fell.", []string{"Growth was 2.5% and debt $4.5bn.", "Prices fell."}},
		{"sentence starting with money", "Profit rose. $4bn was returned.", []string{"Profit rose.", "$4bn was returned."}},
		{"sentence starting with a digit", "It ended. 2024 was hard.", []string{"It ended.", "2024 was hard."}},
		// Quotes.
		{"quote then attribution", "“There’s no deal,” Rubio said. He left.", []string{"“There’s no deal,” Rubio said.", "He left."}},
		{"sentence inside quotes", "“It is a deal.” The crowd cheered.", []string{"“It is a deal.”", "The crowd cheered."}},
		{"question in quotes", "“Why now?” he asked.", []string{"“Why now?” he asked."}},
		{"straight quotes", `He said "we won." Then he left.`, []string{`He said "we won."`, "Then he left."}},
		{"quote opens next sentence", "He spoke. “We are ready,” he said.", []string{"He spoke.", "“We are ready,” he said."}},
		// Ellipses and dashes.
		{"ellipsis then capital", "We waited... Nothing came.", []string{"We waited...", "Nothing came."}},
		{"ellipsis mid-sentence", "We waited … and waited.", []string{"We waited … and waited."}},
		{"unicode ellipsis", "We waited… Then it came.", []string{"We waited…", "Then it came."}},
		{"dashes", "Kyiv – the capital – was hit. Dozens fled.", []string{"Kyiv – the capital – was hit.", "Dozens fled."}},
		{"parenthesis", "It grew (by 5%). Shares rose.", []string{"It grew (by 5%).", "Shares rose."}},
		{"lower case after stop", "See fig. and table.", []string{"See fig. and table."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range SplitSentences(tt.in) {
				got = append(got, tt.in[sp[0]:sp[1]])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLineKind(t *testing.T) {
	tests := []struct {
		in   string
		want Kind
	}{
		// Headings and labels.
		{"Putin vows to press on", Heading},
		{"Conclusion", Heading},
		{"By Maria Lopez", Heading},
		{"SHARE NEWS", Heading},
		// Datelines.
		{"MIAMI:", Dateline},
		{"NEW YORK (Reuters) —", Dateline},
		{"KYIV, Ukraine (AP) -", Dateline},
		// Captions and credits.
		{"Photo: Getty Images", Caption},
		{"Image: EPA", Caption},
		{"Picture credit: John Smith", Caption},
		{"The minister arrives in Brussels. (EPA Images pic)", Caption},
		{"The minister arrives in Brussels (AP Photo/Jane Doe)", Caption},
		{"Photo by Jane Doe/Getty Images", Caption},
		{"The minister said the talks would resume (Reuters).", Text},
		// Furniture.
		{"like0", Furniture},
		{"dislike12", Furniture},
		{"0", Furniture},
		{"1.2k shares", Furniture},
		{"Comments: 14", Furniture},
		{"Stay current - Follow FMT on WhatsApp, Google news and Telegram", Furniture},
		{"Subscribe to our newsletter and get news delivered to your mailbox.", Furniture},
		{"Sign up for our daily briefing newsletter.", Furniture},
		{"Download our app to get breaking news alerts.", Furniture},
		{"Follow us on X and Instagram.", Furniture},
		{"© 2025 Example News", Furniture},
		{"Copyright 2025 Example News. All rights reserved.", Furniture},
		{"READ MORE: Bus fares rise in April", Furniture},
		{"Advertisement", Furniture},
		{"***", Furniture},
		// Text that mentions the same words must stay text.
		{"Millions follow the league on television, the report said.", Text},
		{"The company said it would download updates to cars overnight, avoiding recalls and saving money for owners across the region.", Text},
		{"Subscribers to the service rose 10% in the quarter.", Text},
		{"Ten people died.", Text},
		// Bullets.
		{"- About 300 schools shut their doors.", Bullet},
		{"• Power was cut to 40,000 homes.", Bullet},
		{"- Key points", Heading},
	}
	for _, tt := range tests {
		if got := lineKind(tt.in); got != tt.want {
			t.Errorf("lineKind(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTeaserLabel(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Similar news", true},
		{"Related", true},
		{"Related stories:", true},
		{"Read more", true},
		{"READ MORE »", true},
		{"You may also like", true},
		{"More from Example News", true},
		{"Most read", true},
		{"Related developments are expected next week.", false},
		{"Popular support for the plan has fallen sharply over the past month, polls show", false},
		{"Trending upward, inflation worried markets.", false},
	}
	for _, tt := range tests {
		if got := isTeaserLabel(tt.in); got != tt.want {
			t.Errorf("isTeaserLabel(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
