package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// Interaction callbacks go out past discordgo's rate limiter. After any
// 429 with the global flag, discordgo makes every later request sleep
// until the limit resets, even with WithRetryOnRatelimit(false), and an
// interaction not acknowledged within 3 seconds is lost. Discord does not
// count interaction callbacks against the global limit, so Newsdesk posts
// them itself, with the session's HTTP client and the same errors
// discordgo returns.

// postCallback sends resp as the first response to interaction i. A 429
// is returned as a *discordgo.RateLimitError and other failures as a
// *discordgo.RESTError, never retried.
func (b *Bot) postCallback(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	body, err := json.Marshal(resp)
	if err != nil {
		return fmt.Errorf("encode interaction response: %w", err)
	}
	url := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("interaction response: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", b.s.UserAgent)
	res, err := b.s.Client.Do(req)
	if err != nil {
		return fmt.Errorf("interaction response: %w", err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("interaction response: read answer: %w", err)
	}
	switch {
	case res.StatusCode < 300:
		return nil
	case res.StatusCode == http.StatusTooManyRequests:
		var tmr discordgo.TooManyRequests
		_ = json.Unmarshal(data, &tmr) // a body that does not decode leaves RetryAfter 0
		return &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &tmr, URL: url}}
	}
	re := &discordgo.RESTError{Request: req, Response: res, ResponseBody: data}
	var msg discordgo.APIErrorMessage
	if json.Unmarshal(data, &msg) == nil && (msg.Code != 0 || msg.Message != "") {
		re.Message = &msg
	}
	return re
}
