package retrieval

// stopWords are English function words that say nothing about what a
// sentence is about: the snowball project's English list, its contractions
// written out, and the question words, which a question always has and an
// answer rarely repeats.
var stopWords = toSet(`a about above after again against all am an and any are aren't as at
be because been before being below between both but by
can can't cannot could couldn't
did didn't do does doesn't doing don't down during
each few for from further
had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
i i'd i'll i'm i've if in into is isn't it it's its itself
let's me more most mustn't my myself
no nor not of off on once only or other ought our ours ourselves out over own
same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those through to too
under until up us very
was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't
you you'd you'll you're you've your yours yourself yourselves
also just s t d ll m re ve much many`)

func isStopWord(w string) bool {
	_, ok := stopWords[w]
	return ok
}

func toSet(words string) map[string]struct{} {
	set := make(map[string]struct{})
	start := -1
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' || words[i] == '\n' {
			if start >= 0 {
				set[words[start:i]] = struct{}{}
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return set
}

// HasSubject reports whether question holds a word to search for: one
// that is not a stop word, a light word such as "say" or "new", or a word
// that frames questions such as "hey", "tell" or "latest". A question
// without one ("hey!", "thanks", "what did they say?") finds nothing,
// whatever the articles hold. Chat shorthand is read as the word meant
// ("thx u" is "thanks you"), as a search reads it when the articles do
// not hold the shorthand itself, which HasSubject, knowing no articles,
// takes to be so.
func HasSubject(question string) bool {
	for _, t := range Analyze(question) {
		term := t.Term
		if meant, ok := shorthandWord(question[t.Start:t.End]); ok {
			if isStopWord(meant) {
				continue
			}
			term = stem(meant, nil)
		}
		if _, filler := questionFiller[term]; !filler && !has(lightWords, term) {
			return true
		}
	}
	return false
}

// questionFiller are words that frame a question rather than say what it
// is about ("what happened in Odesa", "tell me the latest news on…", "a
// summary of the talks", "give me a quick recap", "hey, who…"). They
// are dropped from questions only; articles keep them.
var questionFiller = stemSet(`happen happened happening happens tell know explain describe latest news
story stories article articles anything something everything thing things please think
give show update updates info information kind sort
summary summaries summarize summarise recap overview rundown quick tldr
hey hiya howdy yo sup`)

// irregular maps common irregular English verb forms to their base form,
// which the snowball stemmer, working on suffixes, cannot do: "said" and
// "says" should meet as "say".
var irregular = map[string]string{
	"said": "say", "told": "tell", "made": "make", "met": "meet", "went": "go", "gone": "go",
	"came": "come", "took": "take", "taken": "take", "gave": "give", "given": "give",
	"saw": "see", "seen": "see", "knew": "know", "known": "know", "thought": "think",
	"brought": "bring", "bought": "buy", "sought": "seek", "fought": "fight", "caught": "catch",
	"taught": "teach", "held": "hold", "led": "lead", "lost": "lose",
	"paid": "pay", "sent": "send", "spent": "spend", "built": "build", "felt": "feel",
	"kept": "keep", "won": "win", "began": "begin", "begun": "begin", "ran": "run",
	"wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak",
	"chose": "choose", "chosen": "choose", "risen": "rise", "fell": "fall",
	"fallen": "fall", "struck": "strike", "stood": "stand", "understood": "understand",
	"grew": "grow", "grown": "grow", "drew": "draw", "drawn": "draw", "threw": "throw",
	"thrown": "throw", "flew": "fly", "flown": "fly", "drove": "drive", "driven": "drive",
	"broke": "break", "broken": "break", "froze": "freeze", "frozen": "freeze",
	"shot": "shoot", "hit": "hit", "cut": "cut", "set": "set", "put": "put", "beat": "beat",
	"found": "find", "heard": "hear", "meant": "mean", "sold": "sell", "stole": "steal",
	"stolen": "steal", "swore": "swear", "sworn": "swear", "woke": "wake", "wore": "wear",
	"worn": "wear", "became": "become", "forgot": "forget", "forgotten": "forget",
	"hid": "hide", "hidden": "hide", "dealt": "deal",
	"fled": "flee", "forbade": "forbid", "borne": "bear", "slain": "slay",
	"arose": "arise", "arisen": "arise", "undertook": "undertake", "withdrew": "withdraw",
	"withdrawn": "withdraw", "overtook": "overtake", "mistook": "mistake", "upheld": "uphold",
	"children": "child", "men": "man", "women": "woman", "mice": "mouse",
}

// stemSet returns the set of the analyzed terms of words.
func stemSet(words string) map[string]struct{} {
	set := make(map[string]struct{})
	for w := range toSet(words) {
		set[stem(w, nil)] = struct{}{}
	}
	return set
}
