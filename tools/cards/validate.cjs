#!/usr/bin/env node
// Validate Adaptive Cards with Microsoft's official renderer library (npm adaptivecards@3.0.6).
//
// Usage: node tools/cards/validate.cjs [FILE] [--target-version 1.5]
//   FILE (or stdin when absent): JSON array [{"name": str, "card": {...}}].
//   stdout: JSON array [{"name", "events": [{"phase", "code", "message", "source", "id"}]}].
//   Exit 0 when it ran (events are data, not failures); 2 on bad input.
//
// DOM: none is needed. dist/adaptivecards.min.js is a UMD bundle that loads with require() and
// only touches `document` when rendering; parsing and validateProperties() run in plain Node.
// (lib/ is ESM with extensionless imports and does not load in Node.)
//
// Events come from three places:
//   phase "Parse"      - the library's SerializationContext events (context.getEventAt(i)),
//                        parsed with targetVersion = 1.5, so 1.6-only properties, enum values and
//                        element types are reported;
//   phase "Validation" - card.validateProperties().validationEvents (ValidationResults);
//   phase "Harness"    - checks this script adds because the library is silent about them:
//                        "UnknownProperty" (a key the object's schema does not know, e.g. a typo),
//                        "UnsupportedCardVersion" (card "version" above the target version),
//                        "MissingCardVersion" and "MissingCardType" (the library defaults them),
//                        "Exception" (the library threw).
// The card's host config is Microsoft Teams light (maxActions 6, interactivity on), as in Teams.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const TOOLS = path.resolve(__dirname, "..");
const AC = require(path.join(TOOLS, "node_modules/adaptivecards/dist/adaptivecards.min.js"));
const TEAMS_HOST_CONFIG = require(
    path.join(TOOLS, "node_modules/adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json"),
);

// Keys an object's own parse() reads outside its property schema, by JSON type name.
const KEYS_OUTSIDE_SCHEMA = {
    // msteams: Teams' extension (width, entities). version/$schema: the schema of an
    // Action.ShowCard's card drops them, but they are harmless there.
    AdaptiveCard: ["body", "actions", "fallback", "msteams", "version", "$schema"],
    ColumnSet: ["columns"],
    ActionSet: ["actions"],
    RichTextBlock: ["inlines"],
    "Action.ShowCard": ["card"],
    Carousel: ["pages"],
};
const ALWAYS_ALLOWED = new Set(["type", "fallback"]);

function fail(message) {
    process.stderr.write(`validate.cjs: ${message}\n`);
    process.exit(2);
}

function parseArgs(argv) {
    let file;
    let target = "1.5";
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--target-version") {
            target = argv[++i];
        } else if (argv[i].startsWith("--")) {
            fail(`unknown option ${argv[i]}`);
        } else if (file === undefined) {
            file = argv[i];
        } else {
            fail(`unexpected argument ${argv[i]}`);
        }
    }
    const version = AC.Version.parse(target, new AC.SerializationContext());
    if (!version || !version.isValid) {
        fail(`bad --target-version ${target}`);
    }
    return { file, version };
}

function readInput(file) {
    let text;
    try {
        text = file === undefined ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
    } catch (err) {
        fail(`cannot read ${file === undefined ? "stdin" : file}: ${err.message}`);
    }
    let items;
    try {
        items = JSON.parse(text);
    } catch (err) {
        fail(`input is not JSON: ${err.message}`);
    }
    if (!Array.isArray(items)) {
        fail("input must be a JSON array of {name, card}");
    }
    items.forEach((item, i) => {
        if (!item || typeof item !== "object" || typeof item.name !== "string") {
            fail(`item ${i} must be an object with a string "name"`);
        }
        if (!item.card || typeof item.card !== "object" || Array.isArray(item.card)) {
            fail(`item ${i} (${item.name}) must have an object "card"`);
        }
    });
    return items;
}

function describe(source) {
    if (!source) {
        return { source: null, id: null };
    }
    let type = null;
    if (typeof source.getJsonTypeName === "function") {
        type = source.getJsonTypeName() || null;
    }
    if (!type && source.constructor) {
        type = source.constructor.name || null; // minified: may be meaningless; rarely reached
    }
    return { source: type, id: typeof source.id === "string" && source.id ? source.id : null };
}

function toEvent(e) {
    return {
        phase: AC.ValidationPhase[e.phase],
        code: AC.ValidationEvent[e.event],
        message: e.message,
        ...describe(e.source),
    };
}

// --- Harness check: unknown properties -----------------------------------------------------
// Every card object (card, element, action, fact, choice, column, ...) goes through
// SerializableObject.prototype.parse(source, context); compare the JSON keys with its schema.
let unknownSink = null;
const originalParse = AC.SerializableObject.prototype.parse;
AC.SerializableObject.prototype.parse = function parse(source, context) {
    if (unknownSink && source && typeof source === "object" && !Array.isArray(source)) {
        if (!(this instanceof AC.HostCapabilities)) {
            const known = new Set(ALWAYS_ALLOWED);
            const schema = this.getSchema();
            for (let i = 0; i < schema.getCount(); i++) {
                known.add(schema.getItemAt(i).name);
            }
            const type = typeof this.getJsonTypeName === "function" ? this.getJsonTypeName() : null;
            for (const key of KEYS_OUTSIDE_SCHEMA[type] || []) {
                known.add(key);
            }
            for (const getter of ["getItemsCollectionPropertyName", "getCollectionPropertyName"]) {
                if (typeof this[getter] === "function") {
                    known.add(this[getter]()); // "items", "body", Table "rows", TableRow "cells"
                }
            }
            for (const key of Object.keys(source)) {
                if (!known.has(key)) {
                    unknownSink.push({
                        phase: "Harness",
                        code: "UnknownProperty",
                        message: `Unknown property "${key}" on ${type || "object"}` +
                            " (ignored by the renderer).",
                        source: type,
                        id: typeof source.id === "string" && source.id ? source.id : null,
                    });
                }
            }
        }
    }
    return originalParse.call(this, source, context);
};

function cardEvent(code, message) {
    return { phase: "Harness", code, message, source: "AdaptiveCard", id: null };
}

function validateCard(cardJson, targetVersion) {
    const events = [];
    const harness = [];
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(TEAMS_HOST_CONFIG);
    const context = new AC.SerializationContext(targetVersion);
    unknownSink = harness;
    try {
        card.parse(cardJson, context);
    } finally {
        unknownSink = null;
    }
    for (let i = 0; i < context.eventCount; i++) {
        events.push(toEvent(context.getEventAt(i)));
    }
    // The library silently defaults a missing "type" to AdaptiveCard and "version" to 1.0.
    if (cardJson.type !== "AdaptiveCard") {
        harness.push(cardEvent("MissingCardType", 'The card\'s "type" must be "AdaptiveCard".'));
    }
    const declared = AC.Version.parse(cardJson.version, new AC.SerializationContext());
    if (cardJson.version === undefined) {
        harness.push(cardEvent("MissingCardVersion", 'The card has no "version".'));
    } else if (declared && declared.isValid && declared.compareTo(targetVersion) > 0) {
        harness.push(cardEvent(
            "UnsupportedCardVersion",
            `Card version ${declared.toString()} is above the target version ` +
                `${targetVersion.toString()}.`,
        ));
    }
    const results = card.validateProperties();
    for (const e of results.validationEvents) {
        events.push(toEvent(e));
    }
    return events.concat(harness);
}

function main() {
    const { file, version } = parseArgs(process.argv.slice(2));
    const items = readInput(file);
    const out = items.map((item) => {
        let events;
        try {
            events = validateCard(item.card, version);
        } catch (err) {
            events = [{
                phase: "Harness",
                code: "Exception",
                message: `The library threw while parsing: ${err && err.stack ? err.stack : err}`,
                source: null,
                id: null,
            }];
        }
        return { name: item.name, events };
    });
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main();
