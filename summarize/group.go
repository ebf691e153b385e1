package summarize

import (
	"math"
	"sort"

	"newsdesk/retrieval"
)

// Grouping parameters. Articles are grouped in two steps, each by
// average linkage (clusters merge while the mean similarity between them
// stays at least the threshold, so a chain of loosely related articles
// does not become one story). The similarity of two articles is the
// cosine of the tf-idf vectors of their leads: the title, counted twice,
// and the first leadSentences sentences, where names and figures count
// nameWeight times. Leads rather than whole texts, because follow-ups and
// other events of a story repeat the background but not the lead.
//
// First the day's articles are grouped into topics (sameTopic), with the
// idf of the whole day; then each topic is split into events (sameEvent),
// with the idf of the topic's own articles (and its nearest neighbours if
// it has few), so that what the topic shares says nothing and what each
// report adds decides. On the five seeds, all
// about Rubio and Ukraine, the two reports of his Miami remarks score
// 0.27 and the closest other pair 0.17; in testdata/stories rewrites of
// one report score 0.5 and more, the next day's follow-up 0.17 and a
// different event of the same topic 0.10.
const (
	leadSentences = 5
	nameWeight    = 3
	sameTopic     = 0.2
	sameEvent     = 0.22
)

// A day is the articles of a brief prepared for grouping.
type day struct {
	lx       *lexicon
	articles []*retrieval.Article
	voc      *vocab
	counts   []vector  // term counts of each article's lead
	leads    []vector  // unit tf-idf of each article's lead over the day
	degree   []float64 // each article's summed similarity to all others
	nearest  [][]near  // each article's minLocal most similar others, most similar first
}

// newDay analyzes the leads of articles: the title's terms count twice,
// and in the lead sentences a name or a figure (a word capitalized other
// than first, or with a digit) counts nameWeight times, since reports of
// one event share who, where and how many while their wording differs.
func newDay(articles []*retrieval.Article) *day {
	d := &day{lx: currentLexicon(), articles: articles, voc: newVocab()}
	counts := make([]vector, len(articles))
	var lead []uint32
	var w chunk
	for i, a := range articles {
		w.reset()
		d.lx.analyze(a.Title, &w)
		lead = append(append(lead[:0], w.terms...), w.terms...)
		for _, s := range a.Sentences[:min(leadSentences, len(a.Sentences))] {
			w.reset()
			d.lx.analyze(a.Text(s), &w)
			for k, t := range w.terms {
				lead = append(lead, t)
				for range nameWeight - 1 {
					if k > 0 && w.names[k] {
						lead = append(lead, t)
					}
				}
			}
		}
		counts[i] = d.voc.counts(lead)
	}
	d.counts = counts
	d.leads = make([]vector, len(articles))
	for i, c := range counts {
		d.leads[i] = sharpTFIDF(c, d.voc.n, func(id int32) int { return int(d.voc.df[id]) })
	}
	return d
}

// sharpTFIDF returns the unit tf-idf vector of counts c in a collection of
// n units where term id occurs in df(id): idf is ln((n+1)/df), so a term
// in every unit weighs almost nothing. The smoothed ln(1+n/df) that
// ranks sentences keeps the words a topic shares too strong to tell its
// events apart.
func sharpTFIDF(c vector, n int, df func(int32) int) vector {
	v := vector{ids: c.ids, ws: make([]float64, len(c.ws))}
	for k, id := range c.ids {
		v.ws[k] = (1 + math.Log(c.ws[k])) * math.Log(float64(n+1)/float64(df(id)))
	}
	v.normalize()
	return v
}

// A pairSim is the similarity of two articles, i < j.
type pairSim struct {
	i, j int32
	sim  float64
}

// similarities returns every pair of articles whose leads are at least
// sameTopic similar, most similar first, and fills d.degree. It walks an
// inverted index of the leads, so articles sharing no term cost nothing.
func (d *day) similarities() []pairSim {
	n := len(d.leads)
	post := make([][]int32, len(d.voc.df))
	wpost := make([][]float64, len(d.voc.df))
	for i, v := range d.leads {
		for k, id := range v.ids {
			post[id] = append(post[id], int32(i))
			wpost[id] = append(wpost[id], v.ws[k])
		}
	}
	d.degree = make([]float64, n)
	d.nearest = make([][]near, n)
	acc := make([]float64, n)
	var touched []int32
	var pairs []pairSim
	for i, v := range d.leads {
		for k, id := range v.ids {
			for p, j := range post[id] {
				if int(j) <= i {
					continue
				}
				if acc[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += v.ws[k] * wpost[id][p]
			}
		}
		for _, j := range touched {
			s := acc[j]
			acc[j] = 0
			d.degree[i] += s
			d.degree[j] += s
			d.nearest[i] = addNear(d.nearest[i], near{int(j), s})
			d.nearest[j] = addNear(d.nearest[j], near{i, s})
			if s *= d.apart(i, int(j)); s >= sameTopic {
				pairs = append(pairs, pairSim{int32(i), j, s})
			}
		}
		touched = touched[:0]
	}
	sortPairs(pairs)
	return pairs
}

// sortPairs orders pairs most similar first, ties by article.
func sortPairs(pairs []pairSim) {
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].sim != pairs[b].sim {
			return pairs[a].sim > pairs[b].sim
		}
		if pairs[a].i != pairs[b].i {
			return pairs[a].i < pairs[b].i
		}
		return pairs[a].j < pairs[b].j
	})
}

// cluster groups the articles of pairs (similarities by sim, most
// similar first) by average linkage: pairs are taken in order, and their
// clusters merge when the mean similarity of all pairs across them, as
// sim gives it, is at least min. Articles in no pair stay alone. Groups
// come in the order of their first article.
func cluster(n int, pairs []pairSim, sim func(i, j int) float64, min float64) [][]int {
	of := make([]int, n) // article → cluster
	members := make([][]int, n)
	for i := range of {
		of[i] = i
		members[i] = []int{i}
	}
	for _, p := range pairs {
		a, b := of[p.i], of[p.j]
		if a == b || p.sim < min || linkage(members[a], members[b], sim) < min {
			continue
		}
		if len(members[a]) < len(members[b]) {
			a, b = b, a
		}
		for _, m := range members[b] {
			of[m] = a
		}
		members[a] = append(members[a], members[b]...)
		members[b] = nil
	}
	var groups [][]int
	for _, m := range members {
		if len(m) > 0 {
			sort.Ints(m)
			groups = append(groups, m)
		}
	}
	return groups
}

// linkage returns the mean similarity of the articles of a to those of b.
func linkage(a, b []int, sim func(i, j int) float64) float64 {
	sum := 0.0
	for _, i := range a {
		for _, j := range b {
			sum += sim(i, j)
		}
	}
	return sum / float64(len(a)*len(b))
}

// events splits a topic, a group of articles about one subject, into
// events. Within a topic the words it shares (for the seeds: Rubio,
// Ukraine, peace) say nothing, so the leads are weighed again with the idf
// of the topic's own articles, and those whose similarity then stays at
// least sameEvent merge. A small topic is too few articles to tell shared
// words from the rest, so its nearest neighbours on the day join the count
// until it has minLocal articles.
func (d *day) events(topic []int) [][]int {
	if len(topic) < 2 {
		return [][]int{topic}
	}
	df := map[int32]int{}
	units := d.neighbourhood(topic)
	for _, i := range units {
		for _, id := range d.counts[i].ids {
			df[id]++
		}
	}
	local := make([]vector, len(topic))
	for k, i := range topic {
		local[k] = sharpTFIDF(d.counts[i], len(units), func(id int32) int { return df[id] })
	}
	sim := func(x, y int) float64 { return local[x].dot(local[y]) * d.apart(topic[x], topic[y]) }
	var pairs []pairSim
	for x := range topic {
		for y := x + 1; y < len(topic); y++ {
			if s := sim(x, y); s >= sameEvent {
				pairs = append(pairs, pairSim{int32(x), int32(y), s})
			}
		}
	}
	sortPairs(pairs)
	var out [][]int
	for _, g := range cluster(len(topic), pairs, sim, sameEvent) {
		ev := make([]int, len(g))
		for k, x := range g {
			ev[k] = topic[x]
		}
		out = append(out, ev)
	}
	return out
}

// minLocal is the fewest articles the idf of a topic is counted over.
const minLocal = 8

// A near is another article and its similarity to one article.
type near struct {
	i   int
	sim float64
}

// addNear inserts n into list, most similar first (ties by article), and
// keeps at most minLocal.
func addNear(list []near, n near) []near {
	k := len(list)
	for k > 0 && (list[k-1].sim < n.sim || list[k-1].sim == n.sim && list[k-1].i > n.i) {
		k--
	}
	if k >= minLocal {
		return list
	}
	if len(list) < minLocal {
		list = append(list, near{})
	}
	copy(list[k+1:], list[k:])
	list[k] = n
	return list
}

// neighbourhood returns topic and, if it has fewer than minLocal
// articles, the day's articles most similar to it (by their summed
// similarity to its articles' nearest), up to minLocal.
func (d *day) neighbourhood(topic []int) []int {
	units := append([]int(nil), topic...)
	if len(units) >= minLocal {
		return units
	}
	in := make(map[int]bool, len(topic))
	for _, i := range topic {
		in[i] = true
	}
	score := map[int]float64{}
	for _, i := range topic {
		for _, n := range d.nearest[i] {
			if !in[n.i] {
				score[n.i] += n.sim
			}
		}
	}
	others := make([]near, 0, len(score))
	for j, s := range score {
		others = append(others, near{j, s})
	}
	sort.Slice(others, func(a, b int) bool {
		if others[a].sim != others[b].sim {
			return others[a].sim > others[b].sim
		}
		return others[a].i < others[b].i
	})
	for _, o := range others[:min(minLocal-len(units), len(others))] {
		units = append(units, o.i)
	}
	return units
}

// apart returns how much the time between two articles' publication
// lowers their similarity: 1/(1+(h/24)²) for h hours apart, 1 when either
// is undated. A report a day later is a follow-up, a new event, even where
// it repeats the background.
func (d *day) apart(i, j int) float64 {
	a, b := d.articles[i], d.articles[j]
	if !a.Dated() || !b.Dated() {
		return 1
	}
	h := a.Published.Sub(b.Published).Hours() / 24
	return 1 / (1 + h*h)
}

// similarity returns the similarity of articles i and j over the day.
func (d *day) similarity(i, j int) float64 {
	return d.leads[i].dot(d.leads[j]) * d.apart(i, j)
}

// meanDegree returns the mean, over the articles of g, of their summed
// similarity to the day's other articles: how central the story is.
func (d *day) meanDegree(g []int) float64 {
	sum := 0.0
	for _, i := range g {
		sum += d.degree[i]
	}
	return sum / float64(len(g))
}

// byCentrality returns the articles of g, most central to the group first:
// the largest summed similarity to the others, then to the whole day, then
// the earliest published, then by ID.
func (d *day) byCentrality(g []int) []int {
	c := make(map[int]float64, len(g))
	for _, i := range g {
		for _, j := range g {
			if i != j {
				c[i] += d.leads[i].dot(d.leads[j])
			}
		}
	}
	out := append([]int(nil), g...)
	sort.SliceStable(out, func(x, y int) bool {
		i, j := out[x], out[y]
		if c[i] != c[j] {
			return c[i] > c[j]
		}
		if d.degree[i] != d.degree[j] {
			return d.degree[i] > d.degree[j]
		}
		ai, aj := d.articles[i], d.articles[j]
		if !ai.Published.Equal(aj.Published) {
			return ai.Published.Before(aj.Published)
		}
		return ai.ID < aj.ID
	})
	return out
}
