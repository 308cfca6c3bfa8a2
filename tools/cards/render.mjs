#!/usr/bin/env node
// Render Adaptive Cards with Microsoft's official renderer (npm adaptivecards@3.0.6) in Debian's
// Chromium, as Microsoft Teams (light theme) shows them, fill inputs, click an action, and report
// what the host would receive.
//
// Usage: node tools/cards/render.mjs --in FILE --out DIR [--jobs N]
//   FILE: JSON array [{"name": str, "card": {...}, "inputs"?: {id: value},
//                      "click"?: str | [str] | null, "after"?: bool, "width"?: int}]
//     inputs: by input id. Input.Text/Number/Date/Time: the text to type ("2024-05-01", "14:30").
//             Input.Toggle: true/false (or its valueOn/valueOff string).
//             Input.ChoiceSet: a choice value; for isMultiSelect a list of values (or "a,b").
//     click:  title of the action to click, or a list of titles clicked in order (a
//             selectAction is clicked on its element). Absent: the card's first action
//             (top-level actions[0], else the first ActionSet's). null: click nothing.
//     after:  also screenshot the card after the clicks, as "<name>-after.png".
//     width:  the card's width in px (default 450; a phone shows about 360).
//   stdout: JSON array [{"name", "png", "pngAfter", "width", "height", "actions": [titles],
//            "clicked": {"type", "title", "verb"?, "data"?, "url"?} | null,
//            "hidden": [ids], "invalidInputs": [ids], "blocked": [urls], "errors": [str]}]
//     actions: titles of every action, once each, in the library's order: the card's own
//              actions, then those in the body (ActionSets), then those inside Action.ShowCard cards.
//     clicked: what the host's onExecuteAction received. For Action.Execute/Submit, "data" is
//              the action's data with the input values merged in by the renderer (values are
//              strings, as the renderer sends them). null when nothing reached the host (no click,
//              an inline Action.ShowCard, or inputs failing validation: see invalidInputs).
//              With several clicks: what the last one sent.
//     hidden:  ids of the card's elements that are not visible after the clicks.
//     blocked: network requests refused (the page may not reach the network; images show broken).
//   The PNG is taken after filling the inputs and before the click (mouse away, focus removed):
//   the card as the user sees it before pressing the button.
//   name: a file name, or several joined by "/" (subfolders of DIR); no "..", no leading dot.
//   Exit 0 when it ran (per-card problems are in "errors"); 2 on bad input; 1 on a crash.
//
// One Chromium serves the whole batch; --jobs pages (default 1) work through the cards, each card
// replacing the previous one in its page. About 0.1 s a card (100 cards in ~10 s on 2 CPUs, where
// 2-4 pages were no faster); half of it is the screenshot.
// Look: Teams light host config + the designer's teams-container-light.css; Segoe UI is not
// installed, so "Segoe UI" is mapped to Liberation Sans (Arial metrics) with @font-face local().
// Markdown: the Teams subset (bold, italic, links, bullet and numbered lists) by a tiny processor,
// as the library ships none.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const TOOLS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODULES = path.join(TOOLS, "node_modules");
const AC_SCRIPT = path.join(MODULES, "adaptivecards/dist/adaptivecards.min.js");
const DESIGNER = path.join(MODULES, "adaptivecards-designer");
const HOST_CONFIG = path.join(DESIGNER, "lib/hostConfigs/microsoft-teams-light.json");
const TEAMS_CSS = path.join(DESIGNER, "dist/containers/teams-container-light.css");
const CHROMIUM = process.env.PARAAT_CHROMIUM || "/usr/bin/chromium";
const CARD_WIDTH = 450;

function fail(message) {
    process.stderr.write(`render.mjs: ${message}\n`);
    process.exit(2);
}

function parseArgs(argv) {
    const args = { jobs: 1 };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if ((flag === "--in" || flag === "--out") && i + 1 < argv.length) {
            args[flag.slice(2)] = argv[++i];
        } else if (flag === "--jobs" && i + 1 < argv.length) {
            args.jobs = Number(argv[++i]);
            if (!Number.isInteger(args.jobs) || args.jobs < 1) {
                fail("--jobs must be a positive whole number");
            }
        } else {
            fail(`unexpected argument ${flag}; usage: render.mjs --in FILE --out DIR`);
        }
    }
    if (!args.in || !args.out) {
        fail("usage: render.mjs --in FILE --out DIR [--jobs N]");
    }
    return args;
}

function readRequests(file) {
    let items;
    try {
        items = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        fail(`cannot read ${file}: ${err.message}`);
    }
    if (!Array.isArray(items)) {
        fail("input must be a JSON array of {name, card, inputs?, click?}");
    }
    const names = new Set();
    items.forEach((item, i) => {
        if (!item || typeof item !== "object" || typeof item.name !== "string" || !item.name) {
            fail(`item ${i} must be an object with a non-empty string "name"`);
        }
        if (!item.name.split("/").every((part) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(part))) {
            fail(`item ${i}: name ${JSON.stringify(item.name)} is not a safe file name`);
        }
        if (names.has(item.name)) {
            fail(`item ${i}: duplicate name ${item.name}`);
        }
        names.add(item.name);
        if (!item.card || typeof item.card !== "object" || Array.isArray(item.card)) {
            fail(`item ${i} (${item.name}) must have an object "card"`);
        }
        if (item.inputs !== undefined &&
            (!item.inputs || typeof item.inputs !== "object" || Array.isArray(item.inputs))) {
            fail(`item ${i} (${item.name}): "inputs" must be an object`);
        }
        const clicks = Array.isArray(item.click) ? item.click : [item.click];
        if (item.click !== null && !clicks.every((c) => c === undefined || typeof c === "string")) {
            fail(`item ${i} (${item.name}): "click" must be a string, a list of strings or null`);
        }
        if (item.width !== undefined && !(Number.isInteger(item.width) && item.width >= 200)) {
            fail(`item ${i} (${item.name}): "width" must be a whole number of at least 200`);
        }
    });
    return items;
}

const FONT_ALIAS = [
    ["normal", "normal", "Liberation Sans"],
    ["bold", "normal", "Liberation Sans Bold"],
    ["normal", "italic", "Liberation Sans Italic"],
    ["bold", "italic", "Liberation Sans Bold Italic"],
].map(([weight, style, local]) =>
    `@font-face { font-family: "Segoe UI"; font-weight: ${weight}; font-style: ${style};` +
    ` src: local("${local}"); }`).join("\n");

function pageHtml() {
    const css = fs.readFileSync(TEAMS_CSS, "utf8");
    return `<!doctype html><html><head><meta charset="utf-8"><style>
${FONT_ALIAS}
html, body { margin: 0; padding: 0; background: white; }
body { font-family: "Segoe UI", "Liberation Sans", Arial, sans-serif; }
#stage { padding: 8px; display: inline-block; }
#host { width: ${CARD_WIDTH}px; background: white; }
/* The renderer gives Markdown lists width: 100%; with the default 40px padding they would overflow
   (and be clipped). Teams' own CSS keeps them inside. */
.ac-textBlock ul, .ac-textBlock ol { box-sizing: border-box; padding-left: 24px; }
</style><style>${css}</style></head><body><div id="stage"><div id="host" class="teams-card">
</div></div></body></html>`;
}

// Runs in the page (serialised by Playwright): defines window.__harness.
function installHarness(hostConfigJson) {
    const AC = window.AdaptiveCards;

    const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;")
        .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const inline = (s) => escapeHtml(s)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, text, url) =>
            /^(https?:|mailto:)/i.test(url) ? `<a href="${url}" target="_blank">${text}</a>` : m)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/__([^_]+)__/g, "<strong>$1</strong>")
        .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
        .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, "$1<em>$2</em>");
    // The Markdown subset Teams renders in a TextBlock.
    const markdown = (text) => {
        const out = [];
        let list = null;
        const close = () => {
            if (list) {
                out.push(`</${list}>`);
                list = null;
            }
        };
        let paragraph = [];
        const flush = () => {
            if (paragraph.length) {
                out.push(`<p>${paragraph.map(inline).join("<br>")}</p>`);
                paragraph = [];
            }
        };
        for (const line of text.split(/\r?\n/)) {
            const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
            const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
            const kind = bullet ? "ul" : numbered ? "ol" : null;
            if (kind) {
                flush();
                if (list !== kind) {
                    close();
                    out.push(`<${kind}>`);
                    list = kind;
                }
                out.push(`<li>${inline((bullet || numbered)[1])}</li>`);
            } else if (!line.trim()) {
                close();
                flush();
            } else {
                close();
                paragraph.push(line);
            }
        }
        close();
        flush();
        return out.join("");
    };
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = markdown(text);
        result.didProcess = true;
    };

    const hostConfig = new AC.HostConfig(hostConfigJson);
    const host = document.getElementById("host");
    let current = null;

    const firstActionSetAction = (element) => {
        if (element.getJsonTypeName() === "ActionSet" && element.getActionCount() > 0) {
            return element.getActionAt(0);
        }
        if (typeof element.getItemCount === "function") {
            for (let i = 0; i < element.getItemCount(); i++) {
                const found = firstActionSetAction(element.getItemAt(i));
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    };

    // A selectAction has no button of its own: the element it belongs to is what one clicks.
    const clickable = (action) => action.renderedElement ||
        (action.parent && action.parent.selectAction === action
            ? action.parent.renderedElement : undefined);

    const inputKind = (input) => {
        const type = input.getJsonTypeName();
        if (type === "Input.ChoiceSet") {
            if (input.isMultiSelect) {
                return "choice-multi";
            }
            return input.style === "expanded" ? "choice-expanded"
                : input.style === "filtered" ? "choice-filtered" : "choice-compact";
        }
        return { "Input.Toggle": "toggle" }[type] || "text";
    };

    window.__harness = {
        render(cardJson, click, width) {
            host.innerHTML = "";
            host.style.width = `${width}px`;
            current = null;
            window.__clicked = null;
            const errors = [];
            const card = new AC.AdaptiveCard();
            card.hostConfig = hostConfig;
            card.onExecuteAction = (action) => {
                const type = action.getJsonTypeName();
                const r = { type, title: action.title ?? null };
                if (type === "Action.Execute") {
                    r.verb = action.verb ?? null;
                    r.data = action.data ?? null;
                } else if (type === "Action.Submit") {
                    r.data = action.data ?? null;
                } else if (type === "Action.OpenUrl") {
                    r.url = action.url ?? null;
                }
                window.__clicked = JSON.parse(JSON.stringify(r));
            };
            // Teams renders cards up to schema 1.5: parse the way it does.
            const context = new AC.SerializationContext(AC.Versions.v1_5);
            card.parse(cardJson, context);
            const rendered = card.render();
            if (!rendered) {
                errors.push("the renderer returned no element (card not renderable)");
                return { errors, actions: [], inputs: {}, clickIndex: null };
            }
            host.appendChild(rendered);
            current = card;

            const inputs = {};
            for (const input of card.getAllInputs()) {
                const control = input.renderedInputControlElement;
                if (input.id && control) {
                    control.setAttribute("data-harness-input", input.id);
                    inputs[input.id] = {
                        kind: inputKind(input),
                        valueOn: input.valueOn ?? null,
                        valueOff: input.valueOff ?? null,
                        choices: (input.choices || []).map((c) => ({ title: c.title, value: c.value })),
                        multiline: Boolean(input.isMultiline),
                    };
                }
            }
            // Every action once (an ActionSet's actions are listed twice by getAllActions), with
            // those of Action.ShowCard cards, which getAllActions leaves out.
            const all = [];
            const collect = (actions) => {
                for (const action of actions) {
                    if (!all.includes(action)) {
                        all.push(action);
                        if (action.card && typeof action.card.getAllActions === "function") {
                            collect(action.card.getAllActions());
                        }
                    }
                }
            };
            collect(card.getAllActions());
            const titles = [];
            all.forEach((action, i) => {
                if (action.title) {
                    titles.push(action.title);
                }
                if (clickable(action)) {
                    clickable(action).setAttribute("data-harness-action", String(i));
                }
            });
            card.__harnessActions = all;
            const clickIndexes = [];
            for (const title of Array.isArray(click) ? click : [click]) {
                let target;
                if (title === undefined) {
                    target = card.getActionCount() > 0 ? card.getActionAt(0)
                        : firstActionSetAction(card);
                } else if (title !== null) {
                    target = all.find((a) => a.title === title);
                    if (!target) {
                        errors.push(`no action titled ${JSON.stringify(title)}; actions: ` +
                            JSON.stringify(titles));
                    }
                }
                if (target) {
                    if (clickable(target)) {
                        clickIndexes.push(all.indexOf(target));
                    } else {
                        errors.push(`action ${JSON.stringify(target.title)} has no rendered button`);
                    }
                }
            }
            return { errors, actions: titles, inputs, clickIndexes };
        },
        hidden() {
            const found = [];
            if (!current) {
                return found;
            }
            const walk = (element) => {
                if (element.id && !element.isVisible) {
                    found.push(element.id);
                }
                if (typeof element.getItemCount === "function") {
                    for (let i = 0; i < element.getItemCount(); i++) {
                        walk(element.getItemAt(i));
                    }
                }
            };
            walk(current);
            return found;
        },
        invalidInputs(clickIndex) {
            const action = current.__harnessActions[clickIndex];
            const referenced = action && action.getReferencedInputs ? action.getReferencedInputs() : {};
            return Object.values(referenced || {})
                .filter((input) => !input.validateValue())
                .map((input) => input.id);
        },
    };
}

// CSS.escape is a browser API; a small equivalent for attribute values in double quotes.
const CSS = { escape: (s) => String(s).replace(/["\\]/g, "\\$&") };

async function fillInput(page, id, value, info) {
    const control = page.locator(`[data-harness-input="${CSS.escape(id)}"]`);
    const asList = (v) => (Array.isArray(v) ? v.map(String)
        : String(v).split(",").map((s) => s.trim()).filter(Boolean));
    switch (info.kind) {
        case "toggle": {
            const on = value === true || (info.valueOn !== null && value === info.valueOn);
            const off = value === false || (info.valueOff !== null && value === info.valueOff);
            if (!on && !off) {
                throw new Error(`toggle ${id}: ${JSON.stringify(value)} is neither on nor off`);
            }
            await control.locator("input[type=checkbox]").setChecked(on);
            return;
        }
        case "choice-compact":
            await control.selectOption(String(value));
            return;
        case "choice-expanded":
            await control.locator(`input[type=radio][value="${CSS.escape(String(value))}"]`).check();
            return;
        case "choice-multi": {
            const wanted = new Set(asList(value));
            for (const choice of info.choices) {
                const box = control.locator(
                    `input[type=checkbox][value="${CSS.escape(String(choice.value))}"]`);
                await box.setChecked(wanted.has(String(choice.value)));
                wanted.delete(String(choice.value));
            }
            if (wanted.size) {
                throw new Error(`choice set ${id}: no choice with value ${[...wanted].join(", ")}`);
            }
            return;
        }
        case "choice-filtered": {
            // The filtered style's datalist holds titles; the renderer maps a title back to its value.
            const choice = info.choices.find((c) => c.value === String(value));
            await control.locator("input").first().fill(choice ? choice.title : String(value));
            return;
        }
        default:
            await control.fill(String(value));
    }
}

// Screenshots the card (mouse away, focus removed) into file; its box, or null after an error.
async function shoot(page, file, result) {
    // A click scrolls the page (and the page serves the next cards too): the box must be
    // measured from the top, or the page-relative clip cuts the card off.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // A clipped page shot: about half the time of locator.screenshot (no stability waits).
        const box = await page.locator("#host").boundingBox();
        await page.screenshot({ path: file, clip: box, fullPage: true, caret: "initial" });
        return box;
    } catch (err) {
        result.errors.push(`screenshot: ${err.message.split("\n")[0]}`);
        return null;
    }
}

async function renderOne(page, item, outDir, pageErrors) {
    const result = {
        name: item.name, png: null, pngAfter: null, width: 0, height: 0, actions: [],
        clicked: null, hidden: [], invalidInputs: [], blocked: [], errors: [],
    };
    pageErrors.length = 0;
    let info;
    try {
        info = await page.evaluate(
            ([card, click, width]) => window.__harness.render(card, click, width),
            [item.card, item.click === undefined ? undefined : item.click,
                item.width || CARD_WIDTH],
        );
    } catch (err) {
        result.errors.push(`render threw: ${err.message.split("\n")[0]}`);
        info = null;
    }
    if (info) {
        result.actions = info.actions;
        result.errors.push(...info.errors);
        for (const [id, value] of Object.entries(item.inputs || {})) {
            const meta = info.inputs[id];
            if (!meta) {
                result.errors.push(`no rendered input with id ${JSON.stringify(id)}`);
                continue;
            }
            try {
                await fillInput(page, id, value, meta);
            } catch (err) {
                result.errors.push(`filling ${id}: ${err.message.split("\n")[0]}`);
            }
        }
    }
    // Every image has loaded or failed (the network is refused) before the shot and before the
    // refused requests are read: on a busy machine they may otherwise come after both.
    try {
        await page.waitForFunction(
            () => [...document.querySelectorAll("#host img")].every((img) => img.complete),
            null, { timeout: 5000 });
    } catch (err) {
        result.errors.push(`images: ${err.message.split("\n")[0]}`);
    }
    // The screenshot shows the card as received, with the inputs filled, before the click.
    const box = await shoot(page, path.join(outDir, `${item.name}.png`), result);
    if (box) {
        result.png = path.join(outDir, `${item.name}.png`);
        result.width = Math.round(box.width);
        result.height = Math.round(box.height);
    }
    for (const clickIndex of info ? info.clickIndexes : []) {
        try {
            await page.evaluate(() => { window.__clicked = null; });
            await page.locator(`[data-harness-action="${clickIndex}"]`).click({ timeout: 5000 });
            result.clicked = await page.evaluate(() => window.__clicked);
            result.invalidInputs = result.clicked !== null ? [] : await page.evaluate(
                (i) => window.__harness.invalidInputs(i), clickIndex);
        } catch (err) {
            result.errors.push(`clicking: ${err.message.split("\n")[0]}`);
        }
    }
    if (info) {
        result.hidden = await page.evaluate(() => window.__harness.hidden());
    }
    if (item.after && await shoot(page, path.join(outDir, `${item.name}-after.png`), result)) {
        result.pngAfter = path.join(outDir, `${item.name}-after.png`);
    }
    for (const e of pageErrors) {
        if (e.blocked) {
            result.blocked.push(e.blocked);
        } else {
            result.errors.push(e.message);
        }
    }
    return result;
}

async function openWorker(context, hostConfig) {
    const page = await context.newPage();
    const worker = { page, errors: [] };
    page.on("pageerror", (err) => worker.errors.push({ message: `page error: ${err.message}` }));
    page.on("console", (msg) => {
        const type = msg.type();
        if ((type === "error" || type === "warning") &&
            !msg.text().startsWith("Failed to load resource")) {
            worker.errors.push({ message: `console.${type}: ${msg.text()}` });
        }
    });
    await page.setContent(pageHtml());
    await page.addScriptTag({ path: AC_SCRIPT });
    await page.evaluate(installHarness, hostConfig);
    return worker;
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    const items = readRequests(args.in);
    fs.mkdirSync(args.out, { recursive: true });
    const hostConfig = JSON.parse(fs.readFileSync(HOST_CONFIG, "utf8"));
    const started = Date.now();
    const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    });
    try {
        const context = await browser.newContext({
            viewport: { width: CARD_WIDTH + 200, height: 800 },
            deviceScaleFactor: 1,
            locale: "nl-NL",
            timezoneId: "Europe/Amsterdam",
        });
        const workers = [];
        // Nothing may leave the machine: refuse every request but the page's own.
        await context.route("**/*", (route) => {
            const url = route.request().url();
            if (url.startsWith("data:") || url.startsWith("about:")) {
                return route.continue();
            }
            const owner = workers.find((w) => w.page === route.request().frame().page());
            (owner ? owner.errors : []).push({ blocked: url });
            return route.abort("blockedbyclient");
        });
        for (let i = 0; i < Math.min(args.jobs, items.length); i++) {
            workers.push(await openWorker(context, hostConfig));
        }
        const results = new Array(items.length);
        let next = 0;
        await Promise.all(workers.map(async (worker) => {
            while (next < items.length) {
                const index = next++;
                results[index] = await renderOne(worker.page, items[index], args.out, worker.errors);
            }
        }));
        const seconds = (Date.now() - started) / 1000;
        process.stderr.write(`render.mjs: ${items.length} card(s) in ${seconds.toFixed(2)} s\n`);
        process.stdout.write(JSON.stringify(results, null, 2) + "\n");
    } finally {
        await browser.close();
    }
}

main().catch((err) => {
    process.stderr.write(`render.mjs: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
