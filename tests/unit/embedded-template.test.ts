import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dataDirIsEmpty, extractDataDirArchive } from "../../db/data-dir-archive";
import { embeddedTemplateFor, installedPgliteVersion } from "../../db/embedded-template";
import { latestShippedMigration } from "../../db/migrate";

/** A ustar header and its content, as PGlite's dumpDataDir writes each entry. */
function entry(name: string, content = "", type: "0" | "5" = "0"): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, "utf8");
  header.write("0000600\0", 100);
  header.write(`${content.length.toString(8).padStart(11, "0")}\0`, 124);
  header.write(type, 156);
  header.write("ustar\u000000", 257);
  const body = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  body.write(content);
  return Buffer.concat([header, body]);
}

function archive(dir: string, entries: Buffer[]): string {
  const path = join(dir, "template.tar.gz");
  writeFileSync(path, gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)])));
  return path;
}

describe("restoring a data folder archive", () => {
  it("writes every directory and file under the folder, PG_VERSION included", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-archive-"));
    const dataDir = join(dir, "data");
    mkdirSync(dataDir);
    const path = archive(dir, [
      entry("/base", "", "5"),
      entry("/PG_VERSION", "18\n"),
      entry("/base/1/1259", "x".repeat(700)),
      entry("/global/pg_control", "control"),
    ]);
    expect(dataDirIsEmpty(dataDir)).toBe(true);
    extractDataDirArchive(path, dataDir);
    expect(dataDirIsEmpty(dataDir)).toBe(false);
    expect(readFileSync(join(dataDir, "PG_VERSION"), "utf8")).toBe("18\n");
    expect(readFileSync(join(dataDir, "base/1/1259"), "utf8")).toBe("x".repeat(700));
    expect(readFileSync(join(dataDir, "global/pg_control"), "utf8")).toBe("control");
  });

  it("restores over what an interrupted extraction left (the folder still reads as empty)", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-archive-"));
    const dataDir = join(dir, "data");
    mkdirSync(join(dataDir, "base/1"), { recursive: true });
    writeFileSync(join(dataDir, "base/1/1259"), "half-writ");
    expect(dataDirIsEmpty(dataDir)).toBe(true);
    extractDataDirArchive(
      archive(dir, [entry("/base/1/1259", "whole"), entry("/PG_VERSION", "18\n")]),
      dataDir,
    );
    expect(readFileSync(join(dataDir, "base/1/1259"), "utf8")).toBe("whole");
  });

  it("refuses an entry outside the folder, a link, and an archive that is no data folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-archive-"));
    const dataDir = join(dir, "data");
    expect(() => extractDataDirArchive(archive(dir, [entry("/../escaped", "x")]), dataDir)).toThrow(
      /outside the data folder/,
    );
    expect(existsSync(join(dir, "escaped"))).toBe(false);
    const link = entry("/base/link");
    link.write("2", 156);
    expect(() => extractDataDirArchive(archive(dir, [link]), dataDir)).toThrow(/not supported/);
    expect(() => extractDataDirArchive(archive(dir, [entry("/base/1", "x")]), dataDir)).toThrow(
      /no PG_VERSION/,
    );
  });
});

describe("the template of a first start", () => {
  const setUp = (demo: { seededOn: string; pglite?: string } | null) => {
    const dir = mkdtempSync(join(tmpdir(), "iml-templates-"));
    const meta = { pglite: installedPgliteVersion(), migration: latestShippedMigration() };
    const paths = {
      templateArchive: join(dir, "pglite-template.tar.gz"),
      templateMeta: join(dir, "pglite-template.json"),
      demoTemplateArchive: join(dir, "pglite-template-demo.tar.gz"),
      demoTemplateMeta: join(dir, "pglite-template-demo.json"),
    };
    writeFileSync(paths.templateArchive, "migrated");
    writeFileSync(paths.templateMeta, JSON.stringify(meta));
    if (demo) {
      writeFileSync(paths.demoTemplateArchive, "demo");
      writeFileSync(paths.demoTemplateMeta, JSON.stringify({ ...meta, ...demo }));
    }
    const dataDir = join(dir, "data");
    mkdirSync(dataDir);
    return { paths, dataDir };
  };

  it("is the demo template on the day it was seeded, when the demo is wanted", () => {
    const { paths, dataDir } = setUp({ seededOn: "2026-12-03" });
    expect(embeddedTemplateFor(dataDir, { demoOn: "2026-12-03" }, paths)).toEqual({
      archivePath: paths.demoTemplateArchive,
      demoSeededOn: "2026-12-03",
    });
  });

  it("is the migrated one on another day (the demo counts from the day it is seeded), or without the demo", () => {
    const { paths, dataDir } = setUp({ seededOn: "2026-12-02" });
    const migrated = { archivePath: paths.templateArchive, demoSeededOn: null };
    expect(embeddedTemplateFor(dataDir, { demoOn: "2026-12-03" }, paths)).toEqual(migrated);
    expect(embeddedTemplateFor(dataDir, {}, paths)).toEqual(migrated);
    expect(embeddedTemplateFor(setUp(null).dataDir, { demoOn: "2026-12-03" }, setUp(null).paths)).toEqual({
      archivePath: expect.stringMatching(/pglite-template\.tar\.gz$/),
      demoSeededOn: null,
    });
  });

  it("is neither for a demo template of another PGlite, nor for a folder that holds a database", () => {
    const { paths, dataDir } = setUp({ seededOn: "2026-12-03", pglite: "0.0.1" });
    expect(embeddedTemplateFor(dataDir, { demoOn: "2026-12-03" }, paths)?.demoSeededOn).toBeNull();
    writeFileSync(join(dataDir, "PG_VERSION"), "18\n");
    expect(embeddedTemplateFor(dataDir, { demoOn: "2026-12-03" }, paths)).toBeUndefined();
    expect(readdirSync(dataDir)).toEqual(["PG_VERSION"]);
  });
});
