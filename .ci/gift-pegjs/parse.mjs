// Reads a GIFT file with gift-pegjs and prints, as JSON, each question's name, the parser's
// type for it, how many answers it read (choices, pairs or accepted texts) and the credit of each
// choice in percent (100 for a right one, 0 for a wrong one without a weight).
import { parse } from "gift-pegjs";
import fs from "fs";

// Moodle's ordering questions (`{>N …`) come from a Moodle plugin that gift-pegjs does not know:
// their blocks are left out, and the test does not compare them.
const text = fs
  .readFileSync(process.argv[2], "utf8")
  .split(/\n\s*\n/)
  .filter((block) => !/\{>\d/.test(block))
  .join("\n\n");
const questions = parse(text)
  .filter((q) => q.type !== "Category" && q.type !== "Description")
  .map((q) => ({
    name: q.title,
    type: q.type,
    answers: (q.choices || q.matchPairs || []).length,
    credit: (Array.isArray(q.choices) ? q.choices : []).map((c) =>
      c.isCorrect ? 100 : (c.weight ?? 0),
    ),
  }));
process.stdout.write(JSON.stringify(questions));
