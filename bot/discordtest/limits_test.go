package discordtest_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

// send posts a message to the default channel.
func send(m *discordgo.MessageSend) func(*discordgo.Session, *discordtest.Server) error {
	return func(dg *discordgo.Session, _ *discordtest.Server) error {
		_, err := dg.ChannelMessageSendComplex(discordtest.DefaultChannelID, m)
		return err
	}
}

// respond answers a fresh command (or autocomplete, for type 8) interaction.
func respond(r *discordgo.InteractionResponse) func(*discordgo.Session, *discordtest.Server) error {
	return func(dg *discordgo.Session, s *discordtest.Server) error {
		e := discordtest.CommandInteraction("ask")
		if r.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
			e = discordtest.AutocompleteInteraction("ask", discordtest.FocusedArg("question", "ra"))
		}
		return dg.InteractionRespond(s.Interaction(e), r)
	}
}

func embeds(es ...*discordgo.MessageEmbed) *discordgo.MessageSend {
	return &discordgo.MessageSend{Embeds: es}
}

func fields(n int, name, value string) []*discordgo.MessageEmbedField {
	fs := make([]*discordgo.MessageEmbedField, n)
	for i := range fs {
		fs[i] = &discordgo.MessageEmbedField{Name: name, Value: value}
	}
	return fs
}

func buttons(n int, id func(int) string, label string) discordgo.ActionsRow {
	row := discordgo.ActionsRow{}
	for i := range n {
		row.Components = append(row.Components, discordgo.Button{Label: label, CustomID: id(i)})
	}
	return row
}

func numbered(i int) string { return fmt.Sprintf("b%d", i) }

func choices(n int, name string) []*discordgo.ApplicationCommandOptionChoice {
	cs := make([]*discordgo.ApplicationCommandOptionChoice, n)
	for i := range cs {
		cs[i] = &discordgo.ApplicationCommandOptionChoice{Name: name, Value: fmt.Sprint(i)}
	}
	return cs
}

func TestLimits(t *testing.T) {
	x := strings.Repeat
	// "é" is two bytes: limits count characters, not bytes.
	tests := []struct {
		name      string
		do        func(*discordgo.Session, *discordtest.Server) error
		wantCode  int    // 0 when accepted
		wantField string // path in the errors tree, as in Request.Problems
	}{
		// Content.
		{"content at limit", send(&discordgo.MessageSend{Content: x("é", 2000)}), 0, ""},
		{"content over", send(&discordgo.MessageSend{Content: x("é", 2001)}), 50035, "content"},
		{"empty message", send(&discordgo.MessageSend{}), 50006, "content"},

		// Embeds.
		{"embeds at limit", send(embeds(make10()...)), 0, ""},
		{"11 embeds", send(embeds(append(make10(), &discordgo.MessageEmbed{Title: "t"})...)), 50035, "embeds"},
		{"title", send(embeds(&discordgo.MessageEmbed{Title: x("a", 257)})), 50035, "embeds.0.title"},
		{"description", send(embeds(&discordgo.MessageEmbed{Description: x("a", 4097)})), 50035, "embeds.0.description"},
		{"26 fields", send(embeds(&discordgo.MessageEmbed{Fields: fields(26, "n", "v")})), 50035, "embeds.0.fields"},
		{"field name", send(embeds(&discordgo.MessageEmbed{Fields: fields(1, x("n", 257), "v")})), 50035, "embeds.0.fields.0.name"},
		{"field value", send(embeds(&discordgo.MessageEmbed{Fields: fields(1, "n", x("v", 1025))})), 50035, "embeds.0.fields.0.value"},
		{"empty field value", send(embeds(&discordgo.MessageEmbed{Fields: fields(1, "n", "")})), 50035, "embeds.0.fields.0.value"},
		{"footer", send(embeds(&discordgo.MessageEmbed{Footer: &discordgo.MessageEmbedFooter{Text: x("f", 2049)}})), 50035, "embeds.0.footer.text"},
		{"author", send(embeds(&discordgo.MessageEmbed{Author: &discordgo.MessageEmbedAuthor{Name: x("a", 257)}})), 50035, "embeds.0.author.name"},
		{"total at limit", send(embeds(&discordgo.MessageEmbed{Description: x("d", 3000)}, &discordgo.MessageEmbed{Description: x("d", 3000)})), 0, ""},
		{"total over", send(embeds(&discordgo.MessageEmbed{Description: x("d", 3000)}, &discordgo.MessageEmbed{Title: "t", Description: x("d", 3000)})), 50035, "embeds"},

		// Components.
		{"5 rows of 5", send(&discordgo.MessageSend{Content: "c", Components: rows(5, 5)}), 0, ""},
		{"6 rows", send(&discordgo.MessageSend{Content: "c", Components: rows(6, 1)}), 50035, "components"},
		{"6 buttons", send(&discordgo.MessageSend{Content: "c", Components: rows(1, 6)}), 50035, "components.0.components"},
		{"custom_id", send(&discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{
			buttons(1, func(int) string { return x("i", 101) }, "l")}}), 50035, "components.0.components.0.custom_id"},
		{"label", send(&discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{
			buttons(1, numbered, x("l", 81))}}), 50035, "components.0.components.0.label"},
		{"duplicate custom_id", send(&discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{
			buttons(2, func(int) string { return "same" }, "l")}}), 50035, "components.0.components.1.custom_id"},

		// Interaction callbacks and edits.
		{"callback content", respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: x("c", 2001)}}), 50035, "data.content"},
		{"callback empty", respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{}}), 50006, "data.content"},
		{"callback type", respond(&discordgo.InteractionResponse{Type: 3}), 50035, "type"},
		{"25 choices", respond(&discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices(25, "c")}}), 0, ""},
		{"26 choices", respond(&discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices(26, "c")}}), 50035, "data.choices"},
		{"choice name", respond(&discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices(1, x("c", 101))}}), 50035, "data.choices.0.name"},
		{"edit original", func(dg *discordgo.Session, s *discordtest.Server) error {
			content := x("c", 2001)
			_, err := dg.InteractionResponseEdit(s.Interaction(discordtest.CommandInteraction("ask")), &discordgo.WebhookEdit{Content: &content})
			return err
		}, 50035, "content"},
		{"follow-up", func(dg *discordgo.Session, _ *discordtest.Server) error {
			i, _ := discordtest.CommandInteraction("ask").Interaction() // unknown to the fake: taken on trust
			_, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Embeds: []*discordgo.MessageEmbed{{Title: x("t", 257)}}})
			return err
		}, 50035, "embeds.0.title"},

		// Commands.
		{"command description", func(dg *discordgo.Session, _ *discordtest.Server) error {
			_, err := dg.ApplicationCommandCreate(discordtest.DefaultAppID, "", &discordgo.ApplicationCommand{Name: "ask", Description: x("d", 101)})
			return err
		}, 50035, "description"},
		{"command name", func(dg *discordgo.Session, _ *discordtest.Server) error {
			_, err := dg.ApplicationCommandBulkOverwrite(discordtest.DefaultAppID, "", []*discordgo.ApplicationCommand{{Name: "Ask Me", Description: "d"}})
			return err
		}, 50035, "0.name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := discordtest.New(t)
			err := tt.do(s.Session(""), s)
			if tt.wantCode == 0 {
				if err != nil || len(s.Rejected()) > 0 {
					t.Fatalf("err = %v, Rejected() = %v; want accepted", err, s.Rejected())
				}
				return
			}
			re := restError(t, err)
			if re.Response.StatusCode != 400 || code(re) != tt.wantCode {
				t.Fatalf("err = %v, want 400 with code %d", err, tt.wantCode)
			}
			rej := s.Rejected()
			if len(rej) != 1 || !hasProblem(rej[0].Problems, tt.wantField) {
				t.Fatalf("Rejected() = %v, want one with a problem at %s", rej, tt.wantField)
			}
			if tt.wantCode == 50035 && !inErrorTree(t, re.ResponseBody, tt.wantField) {
				t.Errorf("errors tree %s has no _errors at %s", re.ResponseBody, tt.wantField)
			}
		})
	}
}

func make10() []*discordgo.MessageEmbed {
	es := make([]*discordgo.MessageEmbed, 10)
	for i := range es {
		es[i] = &discordgo.MessageEmbed{Title: fmt.Sprint("t", i)}
	}
	return es
}

func rows(n, perRow int) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	for r := range n {
		out = append(out, buttons(perRow, func(i int) string { return fmt.Sprintf("r%d-b%d", r, i) }, "l"))
	}
	return out
}

func hasProblem(problems []string, field string) bool {
	for _, p := range problems {
		if strings.HasPrefix(p, field+": ") {
			return true
		}
	}
	return false
}

// inErrorTree reports whether Discord's error body has an "_errors" list
// at the dotted path.
func inErrorTree(tb testing.TB, body []byte, path string) bool {
	tb.Helper()
	var v struct {
		Errors map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("error body %s: %v", body, err)
	}
	node := v.Errors
	for _, p := range strings.Split(path, ".") {
		next, ok := node[p].(map[string]any)
		if !ok {
			return false
		}
		node = next
	}
	_, ok := node["_errors"]
	return ok
}
