package discordtest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Discord's limits on what a bot sends, from the API documentation
// (Message, Embed, Component and Application Command resources). Lengths
// are in characters, counted here as Unicode code points.
const (
	MaxContent          = 2000 // message content
	MaxEmbeds           = 10   // embeds per message
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooterText       = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000 // titles, descriptions, field names and values, footers and authors of all embeds
	MaxActionRows       = 5
	MaxRowComponents    = 5 // buttons per action row
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxSelectOptions    = 25
	MaxChoices          = 25 // autocomplete and command option choices
	MaxChoiceName       = 100
	MaxCommandName      = 32
	MaxCommandDesc      = 100
	MaxCommandOptions   = 25
)

// formErrors collects field errors in Discord's 50035 shape: a tree keyed
// by field path (array indices as strings) with "_errors" lists at the
// leaves, e.g. {"embeds": {"0": {"title": {"_errors": [{"code":
// "BASE_TYPE_MAX_LENGTH", "message": "Must be 256 or fewer in length."}]}}}}.
type formErrors struct {
	tree     map[string]any
	problems []string // "embeds.0.title: Must be 256 or fewer in length."
}

func (fe *formErrors) add(path []string, code, message string) {
	if fe.tree == nil {
		fe.tree = make(map[string]any)
	}
	node := fe.tree
	for _, p := range path {
		next, ok := node[p].(map[string]any)
		if !ok {
			next = make(map[string]any)
			node[p] = next
		}
		node = next
	}
	list, _ := node["_errors"].([]any)
	node["_errors"] = append(list, map[string]any{"code": code, "message": message})
	fe.problems = append(fe.problems, strings.Join(path, ".")+": "+message)
}

func (fe *formErrors) empty() bool { return len(fe.problems) == 0 }

// at returns path extended by elems, never sharing path's backing array.
func at(path []string, elems ...any) []string {
	out := make([]string, 0, len(path)+len(elems))
	out = append(out, path...)
	for _, e := range elems {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

// maxLen checks that the string at obj[key], if any, has at most max
// characters, and returns its length.
func (fe *formErrors) maxLen(path []string, obj map[string]any, key string, max int) int {
	s, _ := obj[key].(string)
	n := utf8.RuneCountInString(s)
	if n > max {
		fe.add(at(path, key), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max))
	}
	return n
}

// between checks that obj[key] is a string of min to max characters.
func (fe *formErrors) between(path []string, obj map[string]any, key string, min, max int) {
	s, ok := obj[key].(string)
	if !ok && min > 0 {
		fe.add(at(path, key), "BASE_TYPE_REQUIRED", "This field is required")
		return
	}
	if n := utf8.RuneCountInString(s); n < min || n > max {
		fe.add(at(path, key), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between %d and %d in length.", min, max))
	}
}

// maxItems returns obj[key] as a list, checking it has at most max items.
func (fe *formErrors) maxItems(path []string, obj map[string]any, key string, max int) []any {
	list, _ := obj[key].([]any)
	if len(list) > max {
		fe.add(at(path, key), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max))
	}
	return list
}

// checkMessage checks a message payload (create, edit, interaction
// response data) found at path.
func (fe *formErrors) checkMessage(path []string, m map[string]any) {
	fe.maxLen(path, m, "content", MaxContent)
	total := 0
	for i, e := range fe.maxItems(path, m, "embeds", MaxEmbeds) {
		if e, ok := e.(map[string]any); ok {
			total += fe.checkEmbed(at(path, "embeds", i), e)
		}
	}
	if total > MaxEmbedTotal {
		fe.add(at(path, "embeds"), "MAX_EMBED_SIZE_EXCEEDED", fmt.Sprintf("Embed size exceeds maximum size of %d", MaxEmbedTotal))
	}
	fe.checkComponents(path, m)
	if am, ok := m["allowed_mentions"].(map[string]any); ok {
		parse, _ := am["parse"].([]any)
		for i, p := range parse {
			if p != "roles" && p != "users" && p != "everyone" {
				fe.add(at(path, "allowed_mentions", "parse", i), "BASE_TYPE_CHOICES", "Value must be one of ('roles', 'users', 'everyone').")
			}
		}
	}
}

// checkEmbed checks one embed and returns the characters it counts
// towards MaxEmbedTotal.
func (fe *formErrors) checkEmbed(path []string, e map[string]any) int {
	n := fe.maxLen(path, e, "title", MaxEmbedTitle)
	n += fe.maxLen(path, e, "description", MaxEmbedDescription)
	for i, f := range fe.maxItems(path, e, "fields", MaxEmbedFields) {
		f, _ := f.(map[string]any)
		fp := at(path, "fields", i)
		for _, k := range []string{"name", "value"} {
			if s, _ := f[k].(string); s == "" {
				fe.add(at(fp, k), "BASE_TYPE_REQUIRED", "This field is required")
			}
		}
		n += fe.maxLen(fp, f, "name", MaxFieldName)
		n += fe.maxLen(fp, f, "value", MaxFieldValue)
	}
	if footer, ok := e["footer"].(map[string]any); ok {
		n += fe.maxLen(at(path, "footer"), footer, "text", MaxFooterText)
	}
	if author, ok := e["author"].(map[string]any); ok {
		n += fe.maxLen(at(path, "author"), author, "name", MaxAuthorName)
	}
	return n
}

// checkComponents checks action rows of buttons and select menus, and
// that custom IDs are unique within the message.
func (fe *formErrors) checkComponents(path []string, m map[string]any) {
	seen := make(map[string]bool)
	for i, row := range fe.maxItems(path, m, "components", MaxActionRows) {
		row, _ := row.(map[string]any)
		rp := at(path, "components", i)
		if num(row["type"]) != 1 { // not an action row: nothing we check
			continue
		}
		inner, _ := row["components"].([]any)
		if len(inner) < 1 || len(inner) > MaxRowComponents {
			fe.add(at(rp, "components"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxRowComponents))
		}
		for j, c := range inner {
			c, _ := c.(map[string]any)
			fe.checkComponent(at(rp, "components", j), c, seen)
		}
	}
}

func (fe *formErrors) checkComponent(path []string, c map[string]any, seen map[string]bool) {
	id, hasID := c["custom_id"].(string)
	fe.maxLen(path, c, "custom_id", MaxCustomID)
	if hasID {
		if seen[id] {
			fe.add(at(path, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
		}
		seen[id] = true
	}
	switch typ := num(c["type"]); {
	case typ == 2: // button
		fe.maxLen(path, c, "label", MaxButtonLabel)
		url, _ := c["url"].(string)
		if link := num(c["style"]) == 5; link && url == "" {
			fe.add(at(path, "url"), "BASE_TYPE_REQUIRED", "This field is required")
		} else if !link && id == "" && num(c["style"]) != 6 {
			fe.add(at(path, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
		}
	case typ >= 3 && typ <= 8: // select menus
		if id == "" {
			fe.add(at(path, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
		}
		fe.maxItems(path, c, "options", MaxSelectOptions)
		fe.maxLen(path, c, "placeholder", 150)
	}
}

// checkChoices checks autocomplete or option choices at path.
func (fe *formErrors) checkChoices(path []string, obj map[string]any) {
	for i, ch := range fe.maxItems(path, obj, "choices", MaxChoices) {
		ch, _ := ch.(map[string]any)
		cp := at(path, "choices", i)
		fe.between(cp, ch, "name", 1, MaxChoiceName)
		if _, ok := ch["value"].(string); ok {
			fe.maxLen(cp, ch, "value", 100)
		}
	}
}

// commandName is Discord's pattern for CHAT_INPUT command and option names.
var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// checkCommand checks an application command as created or overwritten.
func (fe *formErrors) checkCommand(path []string, cmd map[string]any) {
	typ := num(cmd["type"])
	chatInput := typ == 0 || typ == 1
	fe.between(path, cmd, "name", 1, MaxCommandName)
	if chatInput {
		fe.checkName(path, cmd)
		fe.between(path, cmd, "description", 1, MaxCommandDesc)
	}
	fe.checkOptions(path, cmd)
}

func (fe *formErrors) checkName(path []string, obj map[string]any) {
	name, _ := obj["name"].(string)
	if name != "" && (!commandName.MatchString(name) || strings.ToLower(name) != name) {
		fe.add(at(path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
	}
}

// checkOptions checks obj's options and, for subcommands and groups,
// theirs in turn.
func (fe *formErrors) checkOptions(path []string, obj map[string]any) {
	for i, o := range fe.maxItems(path, obj, "options", MaxCommandOptions) {
		o, _ := o.(map[string]any)
		op := at(path, "options", i)
		fe.between(op, o, "name", 1, MaxCommandName)
		fe.checkName(op, o)
		fe.between(op, o, "description", 1, MaxCommandDesc)
		fe.checkChoices(op, o)
		fe.checkOptions(op, o)
	}
}

// emptyMessage reports whether a message payload has nothing to show,
// which Discord refuses with 50006.
func emptyMessage(m map[string]any, files int) bool {
	if s, _ := m["content"].(string); s != "" || files > 0 {
		return false
	}
	for _, k := range []string{"embeds", "components", "attachments", "sticker_ids"} {
		if l, _ := m[k].([]any); len(l) > 0 {
			return false
		}
	}
	return m["poll"] == nil
}

// num returns a number (a JSON one, a numeric string, or an int the fake
// stored) as an int, 0 if it is not one.
func num(v any) int {
	switch v := v.(type) {
	case int: // stored by the fake itself
		return v
	case float64:
		return int(v)
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}
