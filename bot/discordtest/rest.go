package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
)

// A reply is what a route answers; body is encoded as JSON, or omitted
// when nil.
type reply struct {
	status int
	header http.Header
	body   any
}

// A call is a request being served, with the values of its route's brace
// segments.
type call struct {
	req    *Request
	params map[string]string
}

type route struct {
	method, pattern string
	public          bool // served without a bot token, as webhooks are
	handle          func(*Server, *call) reply
}

// routes are the REST routes the fake serves, in Discord's path syntax.
// A webhook message ID may be "@original", the interaction's response.
var routes = []route{
	{"GET", "/gateway", true, (*Server).getGateway},
	{"GET", "/gateway/bot", false, (*Server).getGatewayBot},
	{"GET", "/users/@me", false, (*Server).getMe},
	{"POST", "/users/@me/channels", false, (*Server).createDM},
	{"GET", "/oauth2/applications/@me", false, (*Server).getApplication},

	{"GET", "/applications/{app}/commands", false, (*Server).listCommands},
	{"PUT", "/applications/{app}/commands", false, (*Server).overwriteCommands},
	{"POST", "/applications/{app}/commands", false, (*Server).createCommand},
	{"GET", "/applications/{app}/commands/{command}", false, (*Server).getCommand},
	{"DELETE", "/applications/{app}/commands/{command}", false, (*Server).deleteCommand},
	{"GET", "/applications/{app}/guilds/{guild}/commands", false, (*Server).listCommands},
	{"PUT", "/applications/{app}/guilds/{guild}/commands", false, (*Server).overwriteCommands},
	{"POST", "/applications/{app}/guilds/{guild}/commands", false, (*Server).createCommand},
	{"GET", "/applications/{app}/guilds/{guild}/commands/{command}", false, (*Server).getCommand},
	{"DELETE", "/applications/{app}/guilds/{guild}/commands/{command}", false, (*Server).deleteCommand},

	{"POST", "/interactions/{interaction}/{token}/callback", true, (*Server).interactionCallback},
	{"POST", "/webhooks/{app}/{token}", true, (*Server).executeWebhook},
	{"GET", "/webhooks/{app}/{token}/messages/{message}", true, (*Server).getWebhookMessage},
	{"PATCH", "/webhooks/{app}/{token}/messages/{message}", true, (*Server).editWebhookMessage},
	{"DELETE", "/webhooks/{app}/{token}/messages/{message}", true, (*Server).deleteWebhookMessage},

	{"GET", "/channels/{channel}", false, (*Server).getChannel},
	{"POST", "/channels/{channel}/messages", false, (*Server).createMessage},
}

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	req, bodyErr := readRequest(r)
	rep := s.answer(&req, bodyErr)
	req.Status = rep.status

	s.mu.Lock()
	d := s.latency
	s.mu.Unlock()
	if d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		}
	}
	s.record(req)
	writeReply(w, rep)
}

func (s *Server) answer(req *Request, bodyErr error) reply {
	if f, ok := s.takeFailure(*req); ok {
		req.Injected = true
		return f.reply()
	}
	rt, params, pathKnown := lookup(req.Method, req.Path)
	switch {
	case rt == nil && pathKnown:
		return reply{status: http.StatusMethodNotAllowed, body: APIError{Message: "405: Method Not Allowed"}}
	case rt == nil:
		return reply{status: http.StatusNotFound, body: APIError{Message: "404: Not Found"}}
	}
	req.Route = rt.pattern
	if !rt.public && !s.authorized(req.Header.Get("Authorization")) {
		return reply{status: http.StatusUnauthorized, body: APIError{Message: "401: Unauthorized"}}
	}
	if bodyErr != nil {
		req.Problems = []string{"body: " + bodyErr.Error()}
		return reply{status: http.StatusBadRequest, body: APIError{Code: 50109, Message: "The request body contains invalid JSON."}}
	}
	return rt.handle(s, &call{req: req, params: params})
}

// lookup finds the route for method and path; pathKnown reports whether
// some route has the path with another method.
func lookup(method, path string) (rt *route, params map[string]string, pathKnown bool) {
	for i := range routes {
		p, ok := matchPath(routes[i].pattern, path)
		if !ok {
			continue
		}
		if routes[i].method == method {
			return &routes[i], p, true
		}
		pathKnown = true
	}
	return nil, nil, pathKnown
}

// authorized reports whether header is "Bot <token>" for an accepted token.
func (s *Server) authorized(header string) bool {
	token, ok := strings.CutPrefix(header, "Bot ")
	return ok && s.cfg.tokens[token]
}

// readRequest copies what the fake records from r and decodes its JSON
// body; the error says why the body could not be read or decoded.
func readRequest(r *http.Request) (Request, error) {
	req := Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Host:   r.Host,
		Header: r.Header.Clone(),
	}
	if p, ok := strings.CutPrefix(r.URL.Path, apiPrefix); ok && (p == "" || p[0] == '/') {
		req.Path = p
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return req, fmt.Errorf("read: %w", err)
	}
	req.Body = body
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" {
		return req, readMultipart(&req, params["boundary"])
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return req, nil
	}
	if err := json.Unmarshal(body, &req.JSON); err != nil {
		return req, fmt.Errorf("invalid JSON: %w", err)
	}
	return req, nil
}

// readMultipart decodes a body as discordgo's MultipartBodyWithJSON writes
// it: a payload_json part, then files[i] parts.
func readMultipart(req *Request, boundary string) error {
	mr := multipart.NewReader(bytes.NewReader(req.Body), boundary)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read multipart: %w", err)
		}
		if p.FormName() == "payload_json" {
			b, err := io.ReadAll(p)
			if err != nil {
				return fmt.Errorf("read payload_json: %w", err)
			}
			if err := json.Unmarshal(b, &req.JSON); err != nil {
				return fmt.Errorf("payload_json: invalid JSON: %w", err)
			}
			continue
		}
		if p.FileName() != "" {
			req.Files = append(req.Files, p.FileName())
		}
	}
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, vs := range rep.header {
		w.Header()[k] = vs
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	b, err := json.Marshal(rep.body)
	if err != nil {
		http.Error(w, fmt.Sprintf("discordtest: encode reply: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(b)
}

func jsonOK(body any) reply { return reply{status: http.StatusOK, body: body} }

func noContent() reply { return reply{status: http.StatusNoContent} }

func notFound(code int, message string) reply {
	return reply{status: http.StatusNotFound, body: APIError{Code: code, Message: message}}
}

// object returns the request's JSON body as an object, or nil.
func (c *call) object() map[string]any {
	m, _ := c.req.JSON.(map[string]any)
	return m
}

// checkApp refuses application and webhook routes for another application,
// as Discord does (Missing Access for commands, Unknown Webhook otherwise).
func (s *Server) checkApp(c *call, webhook bool) (reply, bool) {
	if c.params["app"] == s.cfg.appID {
		return reply{}, true
	}
	if webhook {
		return notFound(10015, "Unknown Webhook"), false
	}
	return reply{status: http.StatusForbidden, body: APIError{Code: 50001, Message: "Missing Access"}}, false
}

func (s *Server) getGateway(*call) reply {
	return jsonOK(map[string]any{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(*call) reply {
	return jsonOK(map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1,
		},
	})
}

func (s *Server) getMe(*call) reply {
	u := s.botJSON()
	u["verified"], u["mfa_enabled"], u["flags"] = true, false, 0
	return jsonOK(u)
}

func (s *Server) getApplication(*call) reply {
	return jsonOK(map[string]any{
		"id":                     s.cfg.appID,
		"name":                   s.cfg.botName,
		"icon":                   nil,
		"description":            "",
		"bot_public":             false,
		"bot_require_code_grant": false,
		"verify_key":             randomHex(64),
		"flags":                  0,
		"owner":                  userJSON(DefaultUserID, DefaultUsername, false),
		"bot":                    s.botJSON(),
	})
}

func (s *Server) botJSON() map[string]any { return userJSON(s.cfg.botID, s.cfg.botName, true) }

// userJSON is a user object as Discord sends it.
func userJSON(id, username string, bot bool) map[string]any {
	u := map[string]any{
		"id":            id,
		"username":      username,
		"discriminator": "0",
		"global_name":   nil,
		"avatar":        nil,
		"public_flags":  0,
	}
	if bot {
		u["bot"] = true
	}
	return u
}
