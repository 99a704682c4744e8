#!/usr/bin/env python3
"""Crawls a running Bluehelm as each demo role, in Vietnamese, and counts what a Vietnamese
reader should not see: English words of the interface and raw codes (snake_case values,
catalogue keys). English words are those of the English catalogue that the Vietnamese one
never uses, so names, acronyms and codes people know (UNMISS, CEFR levels) do not count.

    python3 bench/crawl_language.py http://127.0.0.1:8080 demo-password-1 [--show]

Prints, per role, the pages crawled and the distinct offending strings, then the totals.
"""
import html
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROLES = ["admin", "coordinator", "officer.bqp", "officer.bca", "inspector", "mfa.officer",
         "president.office", "medical", "auditor", "viewer"]
CATALOGUES = Path(__file__).resolve().parent.parent / "crates/bluehelm-app/i18n"
WORD = re.compile(r"[A-Za-z][a-z]{2,}")
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z_]+\.[a-z_.]+\b")
SKIP = ("/logout", "/static/", "/api/", "/exports", "/download", "/lang", "/files/template")


def catalogue_words(name):
    words = set()
    for line in (CATALOGUES / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            value = line.split("=", 1)[1]
            value = re.sub(r"\{[^}]*\}", " ", value)
            words.update(w.lower() for w in WORD.findall(value))
    return words


ENGLISH = catalogue_words("en.ftl") - catalogue_words("vi.ftl")


def visible_text(page):
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    # Identifiers (translate="no") and text in a language of its own are not the interface's.
    page = re.sub(r'(?s)<(\w+)\b(?<!html)[^>]*(?:translate="no"|\slang="[a-z]+")[^>]*>.*?</\1>', " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    # Attributes people read: placeholders, titles, labels for screen readers.
    attributes = " ".join(re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', page))
    text = re.sub(r"(?s)<[^>]+>", " ", page)
    return html.unescape(text + " " + attributes)


def crawl(base, user, password, show):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Accept-Language", "vi")]
    login = opener.open(base + "/login").read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    data = urllib.parse.urlencode({"username": user, "password": password, "csrf_token": csrf})
    opener.open(base + "/login", data.encode())
    seen, queue, found = set(), ["/"], {}
    while queue and len(seen) < 400:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            response = opener.open(base + path)
        except urllib.error.HTTPError:
            continue
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        page = response.read().decode()
        text = visible_text(page)
        for word in set(WORD.findall(text)):
            if word.lower() in ENGLISH:
                found.setdefault(("english", word.lower()), set()).add(path)
        for code in set(RAW_CODE.findall(text)):
            found.setdefault(("code", code), set()).add(path)
        for link in re.findall(r'href="(/[^"#]*)"', page):
            link = html.unescape(link)
            if link.startswith(SKIP) or link in seen:
                continue
            # One page per kind of record and per list: /people/17 stands for all people.
            shape = re.sub(r"/\d+", "/N", link.split("?")[0])
            if any(re.sub(r"/\d+", "/N", s.split("?")[0]) == shape for s in seen | set(queue)):
                continue
            queue.append(link)
    if show:
        for (kind, value), paths in sorted(found.items()):
            print(f"  {user:18} {kind:8} {value:30} {sorted(paths)[0]}")
    return len(seen), found


def main():
    base, password = sys.argv[1].rstrip("/"), sys.argv[2]
    show = "--show" in sys.argv
    everything = {}
    pages = 0
    for user in ROLES:
        try:
            count, found = crawl(base, user, password, show)
        except Exception as error:  # a role the demo lacks
            print(f"{user}: not crawled ({error})")
            continue
        pages += count
        english = sum(1 for kind, _ in found if kind == "english")
        codes = sum(1 for kind, _ in found if kind == "code")
        print(f"{user:18} pages {count:4}  English words {english:4}  raw codes {codes:4}")
        for key, paths in found.items():
            everything.setdefault(key, set()).update(paths)
    english = sorted(v for k, v in everything if k == "english")
    codes = sorted(v for k, v in everything if k == "code")
    print(f"total: {pages} pages, {len(english)} distinct English words, "
          f"{len(codes)} distinct raw codes")


if __name__ == "__main__":
    main()
