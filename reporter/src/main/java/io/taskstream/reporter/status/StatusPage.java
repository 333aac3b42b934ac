package io.taskstream.reporter.status;

import io.taskstream.reporter.report.html.Palette;

/**
 * The status page: one self-contained HTML document (inline style and script, nothing fetched but its own
 * {@code events} stream). The snapshot current when it was served is embedded, so the page is complete as soon
 * as it loads; an {@code EventSource} then redraws it with every new snapshot. Data is inserted as text, never
 * as markup.
 */
final class StatusPage {
    private StatusPage() {
    }

    /** The page with {@code snapshotJson} embedded. */
    static String html(String snapshotJson) {
        // In a script element only "</script" could end it early; JSON allows "<" as \u003c anywhere.
        String embedded = snapshotJson.replace("<", "\\u003c");
        return TEMPLATE.replace("@COMPLETED@", Palette.VERIFIED.hex())
                .replace("@BLOCKED@", Palette.FAILED.hex())
                .replace("@RUNNING@", Palette.UNCHECKED.hex())
                .replace("@WAITING@", Palette.WAITING.hex())
                .replace("@QUEUED@", Palette.SKIPPED.hex())
                .replace("@RETRY@", Palette.RETRY_WAIT.hex())
                .replace("@SNAPSHOT@", embedded);
    }

    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Taskstream status</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#212121;background:#fff}
            h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.2em 0 .4em}
            #meta{color:#616161}
            .cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(22em,1fr));gap:1em}
            ul{list-style:none;padding:0;margin:0}
            li.task{padding:.35em 0;border-bottom:1px solid #eee}
            .badge{display:inline-block;min-width:6.5em;padding:.2em .5em;margin-right:.5em;color:#fff;
              text-align:center;font-weight:600;border-radius:3px}
            .s-completed{background:@COMPLETED@}.s-blocked{background:@BLOCKED@}.s-running{background:@RUNNING@}
            .s-waiting{background:@WAITING@;color:#212121}.s-queued{background:@QUEUED@}
            .s-withdrawn,.s-planned{background:@RETRY@;color:#212121}
            .detail{color:#424242;margin:.2em 0 0 .2em;word-break:break-word}.none{color:#9e9e9e}
            #events li{font-family:ui-monospace,monospace;font-size:12.5px;padding:.1em 0}
            #events .t{color:#757575;margin-right:.6em}#events .k{font-weight:600;margin-right:.6em}
            #runs li{padding:.2em 0}
            </style>
            </head>
            <body>
            <h1>Taskstream status</h1>
            <div id="meta"><span id="live">loading</span> · updated <span id="updated">-</span></div>
            <div class="cols">
            <section><h2>Queue (<span id="queue-n">0</span>)</h2><ul id="queue"></ul></section>
            <section><h2>Running (<span id="running-n">0</span>)</h2><ul id="running"></ul></section>
            <section><h2>Blocked (<span id="blocked-n">0</span>)</h2><ul id="blocked"></ul></section>
            <section><h2>Done (<span id="done-n">0</span>)</h2><ul id="done"></ul></section>
            </div>
            <h2>Last events</h2><ul id="events"></ul>
            <h2>Runs</h2><ul id="runs"></ul>
            <script type="application/json" id="snapshot">@SNAPSHOT@</script>
            <script>
            "use strict";
            const $ = id => document.getElementById(id);
            function el(tag, cls, text) {
              const e = document.createElement(tag);
              if (cls) e.className = cls;
              if (text != null) e.textContent = text;
              return e;
            }
            function clock(iso) { return iso ? iso.substring(11, 19) : "-"; }
            function fill(id, tasks, detail) {
              $(id + "-n").textContent = tasks.length;
              const rows = tasks.map(t => {
                const li = el("li", "task");
                li.dataset.task = t.task;
                li.dataset.state = t.state;
                li.append(el("span", "badge s-" + t.state, t.state), el("b", null, t.task), " ",
                  el("span", "title", t.title || ""), el("div", "detail", detail(t)));
                return li;
              });
              $(id).replaceChildren(...(rows.length ? rows : [el("li", "none", "none")]));
            }
            function render(s) {
              const by = states => s.tasks.filter(t => states.includes(t.state));
              const queue = by(["queued", "waiting"]).sort((a, b) =>
                (a.state === b.state ? 0 : a.state === "queued" ? -1 : 1) || (a.position || 0) - (b.position || 0));
              fill("queue", queue, t => t.state === "queued" ? "#" + t.position + " in queue"
                : (t.heldBack ? "held back, waiting on " : "waiting on ") + t.waitingOn.join(", "));
              fill("running", by(["running"]), t => "criterion " + t.criterion.number + " (" +
                t.criterion.phase.replace(/_/g, " ") + ", attempt " + t.criterion.attempt + "): " + t.criterion.text);
              fill("blocked", by(["blocked"]), t => (t.needsHuman ? "needs a person: " : "") + t.reason);
              fill("done", by(["completed", "withdrawn", "planned"]), t => t.reason || "");
              $("events").replaceChildren(...s.events.slice().reverse().map(e => {
                const li = el("li");
                li.append(el("span", "t", clock(e.time)), el("span", "k", e.task), el("span", null, e.text));
                return li;
              }));
              $("runs").replaceChildren(...s.runs.map(r => {
                const li = el("li");
                li.dataset.run = r.runId;
                li.append(el("b", null, r.runId), " " + (r.finished ? "finished" : "in progress") + ": " + r.tasks
                  + (r.tasks === 1 ? " task, " : " tasks, ") + r.completed + " completed, " + r.blocked + " blocked ");
                if (r.report) {
                  const a = el("a", null, "report");
                  a.href = r.report;
                  li.append(a);
                }
                return li;
              }));
              $("updated").textContent = s.updated ? clock(s.updated) + " UTC" : "-";
            }
            render(JSON.parse($("snapshot").textContent));
            if (window.EventSource) {
              const source = new EventSource("events");
              source.onopen = () => { $("live").textContent = "live"; };
              source.onerror = () => { $("live").textContent = "reconnecting"; };
              source.onmessage = e => render(JSON.parse(e.data));
            }
            </script>
            </body>
            </html>
            """;
}
