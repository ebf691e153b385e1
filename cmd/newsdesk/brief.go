package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"newsdesk/bot"
	"newsdesk/summarize"
)

// runBrief prints the brief of one day: --date (YYYY-MM-DD, or "latest"
// for the edition of undated articles), by default today. Days begin and
// end in the time zone of $TZ when it is set, else the local one.
func runBrief(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "brief", "[--json] [--date YYYY-MM-DD] [--articles DIR]")
	asJSON := fs.Bool("json", false, "print the brief as one JSON object")
	date := fs.String("date", "", `the day to brief, YYYY-MM-DD, or "latest" for undated articles (default: today)`)
	dir := fs.String("articles", "", "folder of .txt/.md articles (default: $ARTICLES_DIR, else the built-in articles)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("brief: unexpected argument %q (the day goes in --date)", rest[0])
	}
	loc := time.Local
	if tz := env.getenv("TZ"); tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			return fmt.Errorf("brief: TZ: %w", err)
		}
		loc = l
	}
	var day time.Time
	switch *date {
	case "":
		day = time.Now().In(loc)
	case summarize.Latest:
	default:
		d, err := time.ParseInLocation(time.DateOnly, *date, loc)
		if err != nil {
			return fmt.Errorf("brief: --date %q: want YYYY-MM-DD or latest", *date)
		}
		day = d.Add(12 * time.Hour) // noon is inside the day whatever daylight saving does
	}
	articles, err := loadArticles(articlesDir(env, *dir), env.stderr)
	if err != nil {
		return err
	}
	br := summarize.NewBrief(articles, day, loc)
	if *asJSON {
		return json.NewEncoder(env.stdout).Encode(briefJSON(br))
	}
	_, err = fmt.Fprint(env.stdout, bot.BriefMarkdown(br, loc))
	return err
}

// The JSON shape of `newsdesk brief --json`.
type (
	jsonBrief struct {
		Date      string      `json:"date"`                // YYYY-MM-DD, or "latest"
		Requested string      `json:"requested,omitempty"` // the day asked for, when it had no articles
		Stories   []jsonStory `json:"stories"`
		Also      []jsonStory `json:"also"` // the day's other stories, without quotes
	}
	jsonStory struct {
		Title    string           `json:"title"`
		Articles []string         `json:"articles"`
		Quotes   []jsonBriefQuote `json:"quotes,omitempty"`
	}
	jsonBriefQuote struct {
		Article string `json:"article"`
		Line    int    `json:"line"`
		Text    string `json:"text"`
	}
)

func briefJSON(br summarize.Brief) jsonBrief {
	out := jsonBrief{Date: br.Date, Requested: br.Requested, Stories: []jsonStory{}, Also: []jsonStory{}}
	for _, st := range br.Stories {
		js := storyJSON(st)
		js.Quotes = []jsonBriefQuote{}
		for _, q := range st.Quotes {
			js.Quotes = append(js.Quotes, jsonBriefQuote{Article: q.Article.ID, Line: int(q.Sentence.Line), Text: q.Article.Text(q.Sentence)})
		}
		out.Stories = append(out.Stories, js)
	}
	for _, st := range br.Also {
		out.Also = append(out.Also, storyJSON(st))
	}
	return out
}

func storyJSON(st summarize.Story) jsonStory {
	js := jsonStory{Title: st.Title}
	for _, a := range st.Articles {
		js.Articles = append(js.Articles, a.ID)
	}
	return js
}
