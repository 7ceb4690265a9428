/*
 * Polyhelp's search worker, in place of Material's (polyhelp/site/material_internals.py).
 *
 * It answers Material's worker messages (SETUP 0, READY 1, QUERY 2, RESULT 3) but builds no
 * index: the locale's lunr index is built and serialized by lunr.py when the site is built
 * (polyhelp/search/index.py). Nothing is fetched until the customer types: then lunr.js
 * (from Material's own worker, which exposes it as self.lunr), the language's stemmer and
 * the index, loaded as it is. A query becomes the clauses polyhelp/search/query.py makes,
 * clause for clause, so the browser and `polyhelp search` find the same pages.
 *
 * lunr.js scores every query (lunr.Index#query), but the index is not unpacked into lunr's
 * structures when it loads: at 2,500 pages that took 0.35 s, 1.4 s on a phone's CPU. A
 * term's postings are unpacked the first time a query meets it, and a query's field vectors
 * hold only the query's terms, which is all lunr's dot product reads: same scores.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const EXACT = 10, SYNONYM = 5, NEAR = 1, TYPO_MIN_LENGTH = 5, PREFIX_MIN_LENGTH = 2
const COMPLETIONS = 10, SHOWN = 50, SUFFIX_LENGTH = 4
const FIELD = /^(title|text|keywords):/
const WORD = /[\p{L}\p{M}\p{N}]+/gu
/* Scripts written without spaces (languages.py: _BIGRAM_SCRIPT) */
const BIGRAM_SCRIPT = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g
const here = self.location.href
const params = new URL(here).searchParams

let search = null      /* the loaded index, once loaded */
let loading = null     /* the promise of it */
let latest = null      /* the query to answer once it is loaded */

/* A word cut where it holds a script without spaces, in overlapping pairs (languages.py) */
function bigrams(word) {
  const found = []
  let at = 0
  for (const run of word.matchAll(BIGRAM_SCRIPT)) {
    if (run.index > at)
      found.push(word.slice(at, run.index))
    const text = run[0]
    if (text.length === 1)
      found.push(text)
    for (let i = 0; i < text.length - 1; i++)
      found.push(text.slice(i, i + 2))
    at = run.index + text.length
  }
  if (at < word.length)
    found.push(word.slice(at))
  return found
}

/* The words of a text, lowercased (languages.py: tokens) */
function tokens(text, pairs = false) {
  const words = text.toLowerCase().match(WORD) || []
  return pairs ? words.flatMap(bigrams) : words
}

async function load() {
  // The index is the long wait: ask for it before lunr.js, which comes from the cache or
  // the same server meanwhile.
  const requested = fetch(new URL(params.get("index"), here))
  // Material's worker sets self.lunr; its own message listener comes after ours, which
  // stops every message from reaching it.
  importScripts(new URL(params.get("lunr"), here).href)
  const response = await requested
  if (!response.ok)
    throw new Error(`${response.status} ${response.url}`)
  const data = await response.json()
  let stemmer = lunr.stemmer
  if (data.stemmer && data.stemmer !== "en") {
    importScripts(
      new URL("lunr/min/lunr.stemmer.support.min.js", here).href,
      new URL(`lunr/min/lunr.${data.stemmer}.min.js`, here).href
    )
    stemmer = lunr[data.stemmer].stemmer
  } else if (!data.stemmer) {
    stemmer = null
  }
  const vocabulary = new Vocabulary(data.terms, data.postings)
  return {
    ...lazyIndex(data, vocabulary),
    vocabulary,
    docs: data.docs,
    stopWords: new Set(data.stopwords),
    synonyms: new Map(Object.entries(data.synonyms)),
    pairs: data.pairs,
    stem: data.stems
      ? lookedUp(data.stems, vocabulary)
      : word => stemmer ? stemmer(new lunr.Token(word)).toString() : word
  }
}

/* The index's words in its order, with how many documents' fields hold each (query.py:
   Vocabulary), sorted for prefix and typo lookups */
class Vocabulary {
  constructor(terms, postings) {
    this.terms = terms
    this.number = new Map(terms.map((term, number) => [term, number]))
    this.counts = postings.map(row => {
      let count = 0
      for (let at = 0; at < row.length; at += 2 + 2 * row[at + 1])
        count += row[at + 1]
      return count
    })
    // Python sorts by code point, JavaScript compares UTF-16 units: they differ only where
    // a word holds a character beyond U+FFFF.
    this.sorted = terms.every((term, number) => number === 0 || terms[number - 1] < term)
      ? terms.map((_, number) => number)
      : terms.map((_, number) => number).sort((a, b) => terms[a] < terms[b] ? -1 : 1)
    this.byLength = new Map()
    for (const term of terms) {
      if (!this.byLength.has(term.length))
        this.byLength.set(term.length, [])
      this.byLength.get(term.length).push(term)
    }
  }

  has(term) {
    return this.number.has(term)
  }

  /* The COMPLETIONS most frequent words that begin with `prefix`, ties in index order
     (query.py: Vocabulary.completions) */
  completions(prefix) {
    const { terms, sorted, counts } = this
    let low = 0, high = sorted.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (terms[sorted[middle]] < prefix) low = middle + 1
      else high = middle
    }
    const best = []
    for (let at = low; at < sorted.length && terms[sorted[at]].startsWith(prefix); at++) {
      const number = sorted[at]
      const better = other => counts[number] > counts[other] ||
        (counts[number] === counts[other] && number < other)
      if (best.length === COMPLETIONS && !better(best[COMPLETIONS - 1]))
        continue
      let place = best.length
      while (place > 0 && better(best[place - 1]))
        place--
      best.splice(place, 0, number)
      if (best.length > COMPLETIONS)
        best.pop()
    }
    return best.map(number => terms[number])
  }

  /* The words one edit from `term` (a letter added, missed, replaced, or two swapped), and
     the term itself: what lunr.TokenSet.fromFuzzyString(term, 1) matches */
  near(term) {
    const found = []
    for (let length = term.length - 1; length <= term.length + 1; length++)
      for (const word of this.byLength.get(length) || [])
        if (oneEditApart(term, word))
          found.push(word)
    return found
  }
}

/* Whether two words are equal or one edit apart, in UTF-16 units as lunr.js counts */
function oneEditApart(a, b) {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start])
    start++
  if (a.length === b.length) {
    return start === a.length ||
      a.slice(start + 1) === b.slice(start + 1) ||
      (a[start] === b[start + 1] && a[start + 1] === b[start] &&
        a.slice(start + 2) === b.slice(start + 2))
  }
  return a.length > b.length
    ? a.slice(start + 1) === b.slice(start)
    : a.slice(start) === b.slice(start + 1)
}

/* A lunr.Index over the packed postings (index.py: load_index builds the whole of it in
   Python). lunr.Index#query looks each clause's words up in `tokenSet`, reads their
   postings from `invertedIndex` and scores with `fieldVectors`: `prepare` fills the last
   two for a query's clauses, each term's postings unpacked once. */
function lazyIndex(data, vocabulary) {
  const K1 = 1.2
  const fields = data.fields.map(([name]) => name)
  const boosts = data.fields.map(([, boost]) => boost)
  const count = data.docs.length
  const scores = new Map()  /* term number: [field reference, score, ...] */
  // lunr.Index#query asks lunr.TokenSet.fromClause for a clause's automaton and intersects
  // it with the index's; handed the clause itself, the index's set answers directly.
  lunr.TokenSet.fromClause = clause => clause
  // The words a clause matches, found once per query: prepare needs them for the field
  // vectors before lunr asks for them.
  let expanded = new Map()
  const matched = ({ term, editDistance }) => {
    const key = `${editDistance ? 1 : 0}:${term}`
    if (!expanded.has(key))
      expanded.set(key, editDistance ? vocabulary.near(term) : vocabulary.has(term) ? [term] : [])
    return expanded.get(key)
  }
  const index = new lunr.Index({
    invertedIndex: Object.create(null),
    fieldVectors: Object.create(null),
    tokenSet: { intersect: clause => ({ toArray: () => matched(clause) }) },
    fields,
    pipeline: new lunr.Pipeline()
  })

  /* A term's lunr posting and its documents' scores, as lunr's Builder computes them */
  function unpack(term) {
    const termIndex = vocabulary.number.get(term)
    if (scores.has(termIndex))
      return termIndex
    const row = data.postings[termIndex]
    const posting = { _index: termIndex }
    for (const name of fields)
      posting[name] = Object.create(null)
    const found = []
    for (let at = 0; at < row.length; at += 2 + 2 * row[at + 1]) {
      const field = row[at], length = row[at + 1]
      let number = 0
      for (let pair = 0; pair < length; pair++) {
        number += row[at + 2 + 2 * pair]
        found.push(field, number, row[at + 3 + 2 * pair])
        posting[fields[field]][number] = {}
      }
    }
    const withTerm = found.length / 3
    const idf = Math.log(1 + Math.abs((count - withTerm + 0.5) / (withTerm + 0.5)))
    const termScores = []
    for (let at = 0; at < found.length; at += 3) {
      const field = found[at], number = found[at + 1], tf = found[at + 2]
      let score = idf * ((K1 + 1) * tf) / (K1 + tf)
      score *= boosts[field]
      score *= data.docs[number][3]
      termScores.push(`${fields[field]}/${number}`, Math.round(score * 1000) / 1000)
    }
    index.invertedIndex[term] = posting
    scores.set(termIndex, termScores)
    return termIndex
  }

  /* Field vectors of the clauses' words only: lunr's dot product with the query vector
     reads no other element, and adds the same products in the same order. */
  function prepare(clauses) {
    expanded = new Map()
    const terms = new Set()
    for (const clause of clauses)
      for (const term of matched({ term: clause.term, editDistance: clause.typo ? 1 : 0 }))
        terms.add(unpack(term))
    const elements = Object.create(null)
    for (const termIndex of [...terms].sort((a, b) => a - b)) {
      const termScores = scores.get(termIndex)
      for (let at = 0; at < termScores.length; at += 2)
        (elements[termScores[at]] ||= []).push(termIndex, termScores[at + 1])
    }
    index.fieldVectors = Object.create(null)
    for (const ref in elements)
      index.fieldVectors[ref] = new lunr.Vector(elements[ref])
  }

  return { index, prepare }
}

/* Stems from the index's table (query.py: LocaleSearch._looked_up) */
function lookedUp(stems, vocabulary) {
  return word => {
    if (Object.hasOwn(stems, word))
      return stems[word]
    const letters = [...word]
    for (let length = letters.length - 1; length > Math.max(2, letters.length - SUFFIX_LENGTH - 1); length--) {
      const start = letters.slice(0, length).join("")
      if (vocabulary.has(start))
        return start
    }
    return word
  }
}

/* The words of a query, each with the field it is limited to (query.py: words_of) */
function wordsOf(query, pairs = false) {
  const words = []
  for (let part of query.split(/\s+/)) {
    let fields = null
    const match = FIELD.exec(part)
    if (match) {
      fields = [match[1]]
      part = part.slice(match[0].length)
    }
    for (const word of tokens(part, pairs))
      words.push([word, fields])
  }
  return words
}

/* The lunr clauses of a query (query.py: clauses) */
function clauses(query, { stopWords, synonyms, stem, vocabulary, pairs }) {
  let words = wordsOf(query, pairs)
  const significant = words.filter(([word]) => !stopWords.has(word))
  if (significant.length)
    words = significant
  const typing = query.length > 0 && !/\s$/.test(query)
  const found = []
  words.forEach(([word, fields], number) => {
    const stemmed = stem(word)
    const length = [...word].length
    found.push({ term: stemmed, fields, boost: EXACT })
    const named = synonyms.has(word) ? synonyms.get(word) : synonyms.get(stemmed) || []
    for (const term of named)
      found.push({ term, fields, boost: SYNONYM })
    if (length >= TYPO_MIN_LENGTH && !vocabulary.has(stemmed))
      found.push({ term: stemmed, fields, boost: NEAR, typo: true })
    if (typing && number === words.length - 1 && length >= PREFIX_MIN_LENGTH) {
      const begun = [...vocabulary.completions(word), ...vocabulary.completions(stemmed)]
      for (const term of new Set(begun))
        if (term !== stemmed)
          found.push({ term, fields, boost: NEAR })
    }
  })
  return found
}

/* (document number, score) of every match, best first (query.py: run) */
function run({ index, prepare }, found) {
  if (!found.length)
    return []
  prepare(found)
  return index.query(query => {
    for (const clause of found) {
      const options = { boost: clause.boost, usePipeline: false }
      // lunr.js makes a fuzzy match of any clause that carries `editDistance`, even 0.
      if (clause.typo)
        options.editDistance = 1
      if (clause.fields)
        options.fields = clause.fields
      query.term(clause.term, options)
    }
  })
    .map(({ ref, score }) => ({ ref: +ref, score: Math.round(score * 1e6) / 1e6 }))
    .sort((a, b) => b.score - a.score || a.ref - b.ref)
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
}

/* Marks the words the query's words begin, in escaped text */
function highlighter(words) {
  if (!words.length)
    return escapeHTML
  const pattern = words.map(word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")
  const match = new RegExp(`(^|[^\\p{L}\\p{M}\\p{N}])(${pattern})`, "giu")
  return text => escapeHTML(text).replace(match, "$1<mark>$2</mark>")
}

function answer(query) {
  const words = wordsOf(query, search.pairs).map(([word]) => word)
  if (!words.length)
    return { items: [] }
  const mark = highlighter(words)
  const terms = Object.fromEntries(words.map(word => [word, true]))
  // The first SHOWN results: a customer reads the first few, and each costs a keystroke time.
  const items = run(search, clauses(query, search)).slice(0, SHOWN).map(({ ref, score }) => {
    const [location, title, text] = search.docs[ref]
    return [{ location, title: mark(title), text: `<p>${mark(text)}</p>`, score, terms }]
  })
  return { items }
}

function respond(query) {
  try {
    postMessage({ type: RESULT, data: answer(query) })
  } catch (error) {
    console.warn(`Invalid query: ${query}`, error)
    postMessage({ type: RESULT, data: { items: [] } })
  }
}

addEventListener("message", event => {
  event.stopImmediatePropagation()
  const { type, data } = event.data
  if (type === SETUP) {
    postMessage({ type: READY })
  } else if (type === QUERY) {
    if (search) {
      respond(data)
    } else if (!data.trim() && !loading) {
      postMessage({ type: RESULT, data: { items: [] } })
    } else {
      latest = data
      loading ||= load().then(
        loaded => {
          search = loaded
          respond(latest)
        },
        error => {
          // Offline, or the index is missing: no results now, another try on the next key.
          console.warn("Search index could not be loaded", error)
          loading = null
          postMessage({ type: RESULT, data: { items: [] } })
        }
      )
    }
  }
})
