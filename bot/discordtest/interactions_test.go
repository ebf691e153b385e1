package discordtest_test

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

// TestInteractionREST walks an interaction through the REST calls a bot
// makes after deferring, without a gateway.
func TestInteractionREST(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	i := s.Interaction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "rates?")))

	_, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "too early"})
	if re := restError(t, err); code(re) != 10015 {
		t.Errorf("follow-up before the callback: %v, want Unknown Webhook (10015)", err)
	}
	if err := dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatalf("InteractionRespond(deferred): %v", err)
	}
	err = dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "twice"}})
	if re := restError(t, err); code(re) != 40060 {
		t.Errorf("second callback: %v, want 40060", err)
	}
	content := "Rates held."
	if _, err := dg.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content}); err != nil {
		t.Fatalf("InteractionResponseEdit: %v", err)
	}
	orig, err := dg.InteractionResponse(i)
	if err != nil || orig.Content != content || orig.Flags&discordgo.MessageFlagsLoading != 0 {
		t.Errorf("InteractionResponse = %+v, %v; want %q, no longer loading", orig, err, content)
	}
	f, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "More below."})
	if err != nil || f.ID == "" || f.WebhookID != discordtest.DefaultAppID {
		t.Fatalf("FollowupMessageCreate = %+v, %v", f, err)
	}
	edited := "More, edited."
	if m, err := dg.FollowupMessageEdit(i, f.ID, &discordgo.WebhookEdit{Content: &edited}); err != nil || m.Content != edited || m.EditedTimestamp == nil {
		t.Errorf("FollowupMessageEdit = %+v, %v", m, err)
	}
	if err := dg.FollowupMessageDelete(i, f.ID); err != nil {
		t.Errorf("FollowupMessageDelete: %v", err)
	}
	msgs := s.Messages(discordtest.DefaultChannelID)
	if len(msgs) != 1 || msgs[0].Content != content {
		t.Errorf("Messages = %v, want the edited original only", msgs)
	}
	if r := s.Rejected(); len(r) != 0 {
		t.Errorf("Rejected() = %v", r)
	}
}

// TestFollowupAfterDeferral checks Discord's documented exception: a
// follow-up sent while a deferred response is still loading edits that
// response instead of creating a message, and keeps the deferral's
// visibility whatever its own flags say. Once the response is resolved, a
// follow-up is a message of its own.
func TestFollowupAfterDeferral(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	i := s.Interaction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "rates?")))
	if err := dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatalf("InteractionRespond(deferred): %v", err)
	}
	orig, err := dg.InteractionResponse(i)
	if err != nil || orig.Flags&discordgo.MessageFlagsLoading == 0 {
		t.Fatalf("InteractionResponse = %+v, %v; want it loading", orig, err)
	}
	first, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "Only you?", Flags: discordgo.MessageFlagsEphemeral})
	if err != nil || first.ID != orig.ID || first.Content != "Only you?" || first.Flags&(discordgo.MessageFlagsEphemeral|discordgo.MessageFlagsLoading) != 0 {
		t.Errorf("first follow-up = %+v, %v; want the public response %s edited, no longer loading", first, err, orig.ID)
	}
	second, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "Only you.", Flags: discordgo.MessageFlagsEphemeral})
	if err != nil || second.ID == orig.ID || second.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("second follow-up = %+v, %v; want a new ephemeral message", second, err)
	}
	if msgs := s.Messages(discordtest.DefaultChannelID); len(msgs) != 2 {
		t.Errorf("Messages = %v, want the edited response and the second follow-up", msgs)
	}
}

func TestInteractionCallbackTypes(t *testing.T) {
	tests := []struct {
		name     string
		event    discordtest.Event
		response discordgo.InteractionResponseType
		wantErr  bool
	}{
		{"command answered", discordtest.CommandInteraction("help"), discordgo.InteractionResponseChannelMessageWithSource, false},
		{"command autocompleted", discordtest.CommandInteraction("help"), discordgo.InteractionApplicationCommandAutocompleteResult, true},
		{"autocomplete answered", discordtest.AutocompleteInteraction("summary", discordtest.FocusedArg("article", "ra")), discordgo.InteractionApplicationCommandAutocompleteResult, false},
		{"autocomplete with a message", discordtest.AutocompleteInteraction("summary", discordtest.FocusedArg("article", "ra")), discordgo.InteractionResponseChannelMessageWithSource, true},
		{"button updates", discordtest.ComponentInteraction("more:1"), discordgo.InteractionResponseUpdateMessage, false},
		{"button deferred update", discordtest.ComponentInteraction("more:1"), discordgo.InteractionResponseDeferredMessageUpdate, false},
		{"command update", discordtest.CommandInteraction("help"), discordgo.InteractionResponseUpdateMessage, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := discordtest.New(t)
			dg := s.Session("")
			i := s.Interaction(tt.event)
			data := &discordgo.InteractionResponseData{Content: "ok", Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "rates", Value: "rates"}}}
			if tt.response == discordgo.InteractionApplicationCommandAutocompleteResult {
				data.Content = ""
			}
			err := dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: tt.response, Data: data})
			if gotErr := err != nil; gotErr != tt.wantErr {
				t.Fatalf("InteractionRespond(type %d) = %v, want error %v", tt.response, err, tt.wantErr)
			}
		})
	}
}
