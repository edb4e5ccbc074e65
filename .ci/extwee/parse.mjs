// Reads a Twee 3 file with extwee and prints, as JSON, the story's title, IFID, format and start
// passage, and each passage's name, tags, text and links (each link's text and target).
import { parseTwee } from "extwee";
import fs from "fs";

// A link as Twine's story formats read it: `[[text|target]]`, `[[text->target]]`,
// `[[target<-text]]` or `[[target]]`.
function link(inner) {
  const pipe = inner.lastIndexOf("|");
  if (pipe >= 0) return { text: inner.slice(0, pipe), target: inner.slice(pipe + 1) };
  const right = inner.lastIndexOf("->");
  if (right >= 0) return { text: inner.slice(0, right), target: inner.slice(right + 2) };
  const left = inner.indexOf("<-");
  if (left >= 0) return { text: inner.slice(left + 2), target: inner.slice(0, left) };
  return { text: inner, target: inner };
}

const story = parseTwee(fs.readFileSync(process.argv[2], "utf8"));
const passages = story.passages.map((p) => ({
  name: p.name,
  tags: p.tags,
  text: p.text,
  links: [...p.text.matchAll(/\[\[(.*?)\]\]/g)].map((m) => link(m[1])),
}));
process.stdout.write(
  JSON.stringify({
    title: story.name,
    ifid: story.IFID,
    format: story.format,
    formatVersion: story.formatVersion,
    start: story.start,
    passages,
  }),
);
