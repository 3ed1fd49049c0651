/* report_html.c - HTML pieces of `tpipe report`: escaping, scores, bars,
 * and the page's inline CSS and script. Nothing here loads anything from
 * the network: no fonts, no scripts, no images other than inline SVG. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "report.h"

void html_text(FILE *out, const char *s, size_t len)
{
    size_t run = 0; /* bytes copied as they are, flushed in one fwrite */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        bool drop = false;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\t':
        case '\n': break;
        default: drop = c < 0x20 || c == 0x7F; break;
        }
        if (!rep && !drop) {
            run++;
            continue;
        }
        if (run)
            fwrite(s + i - run, 1, run, out);
        run = 0;
        if (rep)
            fputs(rep, out);
    }
    if (run)
        fwrite(s + len - run, 1, run, out);
}

void html_str(FILE *out, const char *s)
{
    if (s)
        html_text(out, s, strlen(s));
}

void html_score(FILE *out, double v)
{
    if (!isfinite(v) || fabs(v) < 0.005)
        fputs("0.00", out);
    else
        fprintf(out, "%+.2f", v);
}

const char *score_class(double v)
{
    if (v >= 0.05)
        return "pos";
    if (v <= -0.05)
        return "neg";
    return "neu";
}

const char *mark_class(double v)
{
    if (v >= 0.05)
        return "qp";
    if (v <= -0.05)
        return "qn";
    return "qz";
}

void html_bar(FILE *out, double v)
{
    if (!isfinite(v))
        v = 0;
    if (v > 1)
        v = 1;
    if (v < -1)
        v = -1;
    fprintf(out, "<span class=\"bar\" role=\"img\" aria-label=\"sentiment %+.2f\">"
                 "<i class=\"%s\" style=\"width:%.1f%%\"></i></span>",
            v, v < 0 ? "neg" : "pos", fabs(v) * 50.0);
}

void html_count(FILE *out, uint64_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%" PRIu64, n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            fputc(',', out);
        fputc(digits[i], out);
    }
}

static const char css[] =
    ":root{--fg:#1d1d1f;--muted:#6b6b70;--line:#e3e3e6;--bg:#fff;--card:#f6f6f8;"
    "--pos:#2e8b57;--neg:#c0392b;--neu:#8a8a8f;--hl:#fff1a8;--hlpos:#d7f0dd;--hlneg:#f8d9d6}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "color:var(--fg);background:var(--bg);margin:0}\n"
    "header,main{max-width:1100px;margin:0 auto;padding:0 20px}\n"
    "header{padding-top:24px}h1{font-size:26px;margin:0 0 4px}\n"
    "h2{font-size:20px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}\n"
    "h3{font-size:15px;margin:16px 0 6px}\n"
    "nav.top{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);"
    "padding:8px 20px;z-index:2}nav.top a{margin-right:16px}\n"
    "a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}\n"
    ".muted{color:var(--muted)}.small{font-size:13px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}\n"
    ".card{background:var(--card);border-radius:8px;padding:10px 16px;min-width:150px}\n"
    ".card .v{font-size:24px;font-weight:600}.card .k{color:var(--muted);font-size:13px}\n"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;"
    "border-bottom:1px solid var(--line);vertical-align:top}th{font-size:13px;color:var(--muted)}\n"
    "td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".pos{color:var(--pos)}.neg{color:var(--neg)}.neu{color:var(--neu)}\n"
    ".bar{display:inline-block;position:relative;width:100px;height:10px;background:#ececef;"
    "border-radius:2px;vertical-align:middle}\n"
    ".bar::after{content:'';position:absolute;left:50%;top:-2px;bottom:-2px;"
    "border-left:1px solid #555}\n"
    ".bar i{position:absolute;top:0;bottom:0}.bar i.neg{right:50%;background:var(--neg)}"
    ".bar i.pos{left:50%;background:var(--pos)}\n"
    "svg.hist rect.b{fill:var(--neu)}svg.hist rect.b.neg{fill:var(--neg)}"
    "svg.hist rect.b.pos{fill:var(--pos)}svg.hist text{font-size:11px;fill:var(--muted)}\n"
    ".js-wait{display:none}\n"
    "details.doc{content-visibility:auto;contain-intrinsic-size:auto 44px;"
    "border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:0 12px}\n"
    "details.doc>summary{cursor:pointer;padding:8px 0}\n"
    "details.doc>summary .n{color:var(--muted);font-variant-numeric:tabular-nums;"
    "margin-right:6px}\n"
    "details.doc>summary .t{font-weight:600}\n"
    "details.doc.failed>summary .t{color:var(--neg)}\n"
    "details.doc[open]{padding-bottom:12px}\n"
    ".text{white-space:pre-wrap;max-width:80ch;background:var(--card);padding:10px 14px;"
    "border-radius:6px}\n"
    "mark.q{color:inherit;background:var(--hl);border-radius:2px;padding:0 1px}"
    "mark.q.qp{background:var(--hlpos)}mark.q.qn{background:var(--hlneg)}\n"
    "sup.who{font-size:11px;color:var(--muted);margin-left:2px}\n"
    ".summary{max-width:80ch}\n"
    ".pager{display:flex;gap:8px;align-items:center;margin:8px 0}\n"
    ".pager button{font:inherit;padding:2px 10px}\n"
    "input.filter{font:inherit;padding:3px 8px;width:320px}\n"
    ".err{color:var(--neg)}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--muted:#a0a0a8;--line:#3a3a40;"
    "--bg:#161618;--card:#222226;--hl:#5a4f12;--hlpos:#1f4a2c;--hlneg:#5a2420}"
    "a{color:#6fb1ff}.bar{background:#3a3a40}.bar::after{border-color:#bbb}}\n";

void html_page_head(FILE *out, const char *title, size_t page_size)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"tpipe report\">\n<title>",
          out);
    html_str(out, title);
    fputs("</title>\n<style>\n", out);
    fputs(css, out);
    /* Without scripts the lists are shown whole (sections collapsed). */
    fputs("</style>\n<noscript><style>.js-wait{display:block}</style></noscript>", out);
    fprintf(out, "\n</head>\n<body data-page-size=\"%zu\">\n", page_size);
}

/* Paging: without the script every section is on the page (collapsed);
 * with it, one page of the document index and one page of sections are
 * shown at a time, and a link to #dN shows the page holding section N and
 * opens it. The two long lists stay display:none (.js-wait) until the
 * script has paged them: otherwise the browser lays out the growing list
 * again and again while it parses a large file (39 s instead of 9 s for
 * 10,000 documents in headless Chromium). */
static const char script[] =
    "(function(){\n"
    "'use strict';\n"
    "function pager(items,navs,size,onShow){\n"
    "  var list=items,page=0;\n"
    "  function pages(){return Math.max(1,Math.ceil(list.length/size));}\n"
    "  function show(p){\n"
    "    page=Math.min(Math.max(p,0),pages()-1);\n"
    "    var lo=page*size,hi=lo+size;\n"
    "    items.forEach(function(el){el.hidden=true;});\n"
    "    for(var i=lo;i<hi&&i<list.length;i++)list[i].hidden=false;\n"
    "    navs.forEach(function(n){\n"
    "      n.querySelector('.where').textContent='page '+(page+1)+' of '+pages()+' ('+\n"
    "        (list.length?(lo+1)+'\\u2013'+Math.min(hi,list.length):'0')+' of '+list.length+')';\n"
    "      n.querySelector('.prev').disabled=page===0;\n"
    "      n.querySelector('.next').disabled=page>=pages()-1;\n"
    "    });\n"
    "    if(onShow)onShow(page);\n"
    "  }\n"
    "  navs.forEach(function(n){\n"
    "    n.hidden=false;\n"
    "    n.querySelector('.first').onclick=function(){show(0);};\n"
    "    n.querySelector('.prev').onclick=function(){show(page-1);};\n"
    "    n.querySelector('.next').onclick=function(){show(page+1);};\n"
    "    n.querySelector('.last').onclick=function(){show(pages()-1);};\n"
    "  });\n"
    "  return {show:show,filter:function(f){list=items.filter(f);show(0);},\n"
    "    pageOf:function(el){var i=list.indexOf(el);return i<0?-1:Math.floor(i/size);}};\n"
    "}\n"
    "function reveal(){document.querySelectorAll('.js-wait').forEach(function(el){"
    "el.classList.remove('js-wait');});}\n"
    "try{\n"
    "var size=parseInt(document.body.dataset.pageSize,10)||50;\n"
    "var docs=Array.prototype.slice.call(document.querySelectorAll('#doc-list>details.doc'));\n"
    "var rows=Array.prototype.slice.call(document.querySelectorAll('#index tbody tr'));\n"
    "var dp=pager(docs,Array.prototype.slice.call(document.querySelectorAll('#docs .pager')),"
    "size);\n"
    "var ip=pager(rows,Array.prototype.slice.call(document.querySelectorAll('#index .pager')),"
    "size);\n"
    "dp.show(0);ip.show(0);\n"
    "}finally{reveal();} /* whatever fails, the lists are shown */\n"
    "var f=document.getElementById('filter');\n"
    "if(f){f.hidden=false;f.oninput=function(){var q=f.value.toLowerCase();\n"
    "  ip.filter(function(tr){return tr.textContent.toLowerCase().indexOf(q)>=0;});};}\n"
    "function go(){\n"
    "  var m=/^#(d[0-9]+)$/.exec(location.hash);if(!m)return;\n"
    "  var el=document.getElementById(m[1]);if(!el)return;\n"
    "  var p=dp.pageOf(el);if(p>=0)dp.show(p);\n"
    "  el.open=true;el.scrollIntoView();\n"
    "}\n"
    "window.addEventListener('hashchange',go);go();\n"
    "document.querySelectorAll('button.expand').forEach(function(b){b.onclick=function(){\n"
    "  var open=b.dataset.open==='1';docs.forEach(function(d){if(!d.hidden)d.open=open;});};});\n"
    "})();\n";

void html_page_tail(FILE *out)
{
    fputs("<script>\n", out);
    fputs(script, out);
    fputs("</script>\n</body>\n</html>\n", out);
}
