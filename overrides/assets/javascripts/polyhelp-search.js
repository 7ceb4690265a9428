/*
 * Polyhelp's search worker, in place of Material's (polyhelp/site/material_internals.py).
 *
 * It answers Material's worker messages (SETUP 0, READY 1, QUERY 2, RESULT 3) but builds no
 * index: the locale's lunr index is built and serialized by lunr.py when the site is built
 * (polyhelp/search/index.py). Nothing is fetched until the customer types: then lunr.js
 * (from Material's own worker, which exposes it as self.lunr), the language's stemmer and
 * the index, loaded as it is. A query becomes the clauses polyhelp/search/query.py makes,
 * clause for clause, so the browser and `polyhelp search` find the same pages.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const EXACT = 10, SYNONYM = 5, NEAR = 1, TYPO_MIN_LENGTH = 5
const FIELD = /^(title|text|keywords):/
const WORD = /[\p{L}\p{M}\p{N}]+/gu
const here = self.location.href
const params = new URL(here).searchParams

let search = null      /* the loaded index, once loaded */
let loading = null     /* the promise of it */
let latest = null      /* the query to answer once it is loaded */

function tokens(text) {
  return text.toLowerCase().match(WORD) || []
}

async function load() {
  // Material's worker sets self.lunr; its own message listener comes after ours, which
  // stops every message from reaching it.
  importScripts(new URL(params.get("lunr"), here).href)
  const response = await fetch(new URL(params.get("index"), here))
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
  return {
    index: lunr.Index.load(data.index),
    docs: data.docs,
    stopWords: new Set(data.stopwords),
    synonyms: new Map(Object.entries(data.synonyms)),
    stem: word => stemmer ? stemmer(new lunr.Token(word)).toString() : word
  }
}

/* The words of a query, each with the field it is limited to (query.py: words_of) */
function wordsOf(query) {
  const words = []
  for (let part of query.split(/\s+/)) {
    let fields = null
    const match = FIELD.exec(part)
    if (match) {
      fields = [match[1]]
      part = part.slice(match[0].length)
    }
    for (const word of tokens(part))
      words.push([word, fields])
  }
  return words
}

/* The lunr clauses of a query (query.py: clauses) */
function clauses(query, { stopWords, synonyms, stem }) {
  let words = wordsOf(query)
  const significant = words.filter(([word]) => !stopWords.has(word))
  if (significant.length)
    words = significant
  const typing = query.length > 0 && !/\s$/.test(query)
  const found = []
  words.forEach(([word, fields], number) => {
    const stemmed = stem(word)
    found.push({ term: stemmed, fields, boost: EXACT })
    const named = synonyms.has(word) ? synonyms.get(word) : synonyms.get(stemmed) || []
    for (const term of named)
      found.push({ term, fields, boost: SYNONYM })
    if ([...word].length >= TYPO_MIN_LENGTH)
      found.push({ term: stemmed, fields, boost: NEAR, typo: true })
    if (typing && number === words.length - 1)
      for (const term of new Set([word, stemmed]))
        found.push({ term, fields, boost: NEAR, prefix: true })
  })
  return found
}

/* (document number, score) of every match, best first (query.py: run) */
function run(index, found) {
  if (!found.length)
    return []
  return index.query(query => {
    for (const clause of found) {
      const options = {
        boost: clause.boost,
        usePipeline: false,
        wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
      }
      // lunr.js reads a wildcard as a letter wherever `editDistance` is present, even 0.
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
  const words = wordsOf(query).map(([word]) => word)
  if (!words.length)
    return { items: [] }
  const mark = highlighter(words)
  const terms = Object.fromEntries(words.map(word => [word, true]))
  const items = run(search.index, clauses(query, search)).map(({ ref, score }) => {
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
      loading ||= load().then(loaded => {
        search = loaded
        respond(latest)
      })
    }
  }
})
