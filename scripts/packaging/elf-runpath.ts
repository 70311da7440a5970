// Reads and rewrites the DT_RUNPATH of an ELF shared object in place, without patchelf.
// Why: node-gyp links naudiodon.node with RUNPATH = the absolute build directory of the machine that ran
// `npm ci`, so the installed app would look for libportaudio.so.2 in a checkout that does not exist on the
// user's machine (or, worse, silently use the build machine's copy). `$ORIGIN` (the directory holding the
// .node, where the packaging keeps libportaudio beside it) is shorter than any absolute path, so it fits
// in the same bytes of .dynstr: only that string changes, no section moves.
import { readFileSync, writeFileSync } from 'node:fs';

const SHT_DYNAMIC = 6;
const SHT_DYNSYM = 11;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

export interface DynamicInfo {
  needed: string[];
  soname: string | undefined;
  runpath: string | undefined;
  rpath: string | undefined;
}

interface Section {
  type: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

interface Parsed {
  info: DynamicInfo;
  strtabOffset: number;
  runpathOffset: number | undefined;
  /** Every .dynstr offset something else points at (symbols, versions, other dynamic entries). */
  otherStringRefs: number[];
}

function parse(elf: Buffer): Parsed {
  if (elf.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  const is64 = elf[4] === 2;
  const le = elf[5] === 1;
  const u16 = (at: number) => (le ? elf.readUInt16LE(at) : elf.readUInt16BE(at));
  const u32 = (at: number) => (le ? elf.readUInt32LE(at) : elf.readUInt32BE(at));
  const word = (at: number) =>
    is64 ? Number(le ? elf.readBigUInt64LE(at) : elf.readBigUInt64BE(at)) : u32(at);
  const size = is64 ? 8 : 4;

  const shoff = word(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const sections: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    sections.push({
      type: u32(at + 4),
      offset: word(at + (is64 ? 0x18 : 0x10)),
      size: word(at + (is64 ? 0x20 : 0x14)),
      link: u32(at + (is64 ? 0x28 : 0x18)),
      entsize: word(at + (is64 ? 0x38 : 0x24)),
    });
  }
  const dynamic = sections.find((s) => s.type === SHT_DYNAMIC);
  if (!dynamic) throw new Error('no dynamic section: not a shared object');
  const strtab = sections[dynamic.link];
  if (!strtab) throw new Error('dynamic section has no string table');
  const string = (offset: number) => {
    const start = strtab.offset + offset;
    return elf.toString('latin1', start, elf.indexOf(0, start));
  };

  const info: DynamicInfo = { needed: [], soname: undefined, runpath: undefined, rpath: undefined };
  const otherStringRefs: number[] = [];
  let runpathOffset: number | undefined;
  for (let at = dynamic.offset; at < dynamic.offset + dynamic.size; at += 2 * size) {
    const tag = word(at);
    const value = word(at + size);
    if (tag === DT_NULL) break;
    if (tag === DT_RUNPATH) {
      runpathOffset = value;
      info.runpath = string(value);
      continue;
    }
    if (tag === DT_NEEDED) info.needed.push(string(value));
    else if (tag === DT_SONAME) info.soname = string(value);
    else if (tag === DT_RPATH) info.rpath = string(value);
    else continue;
    otherStringRefs.push(value);
  }

  for (const section of sections) {
    if (sections[section.link] !== strtab) continue;
    if (section.type === SHT_DYNSYM) {
      for (let at = section.offset; at < section.offset + section.size; at += section.entsize) {
        otherStringRefs.push(u32(at)); // st_name comes first in both ELF32 and ELF64 symbols
      }
    } else if (section.type === SHT_GNU_VERNEED) {
      // Verneed: {vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32}; Vernaux: {hash u32,
      // flags u16, other u16, vna_name u32, vna_next u32}.
      for (let need = section.offset, more = true; more;) {
        otherStringRefs.push(u32(need + 4));
        for (let aux = need + u32(need + 8), n = u16(need + 2); n > 0; n--) {
          otherStringRefs.push(u32(aux + 8));
          if (u32(aux + 12) === 0) break;
          aux += u32(aux + 12);
        }
        more = u32(need + 12) !== 0;
        need += u32(need + 12);
      }
    } else if (section.type === SHT_GNU_VERDEF) {
      // Verdef: {version u16, flags u16, ndx u16, cnt u16, hash u32, aux u32, next u32}; Verdaux: {name, next}.
      for (let def = section.offset, more = true; more;) {
        for (let aux = def + u32(def + 12), n = u16(def + 6); n > 0; n--) {
          otherStringRefs.push(u32(aux));
          if (u32(aux + 4) === 0) break;
          aux += u32(aux + 4);
        }
        more = u32(def + 16) !== 0;
        def += u32(def + 16);
      }
    }
  }
  return { info, strtabOffset: strtab.offset, runpathOffset, otherStringRefs };
}

export function readDynamicInfo(path: string): DynamicInfo {
  return parse(readFileSync(path)).info;
}

/**
 * Replaces the RUNPATH string with `runpath` (which must not be longer). Refuses when the linker shared
 * the string's tail with another name (string-table suffix merging), since editing it would rename that.
 * Returns the previous value.
 */
export function rewriteRunpath(path: string, runpath: string): string {
  const elf = readFileSync(path);
  const { info, strtabOffset, runpathOffset, otherStringRefs } = parse(elf);
  if (runpathOffset === undefined || info.runpath === undefined) throw new Error(`${path} has no RUNPATH`);
  const old = info.runpath;
  const replacement = Buffer.from(runpath, 'latin1');
  if (replacement.length > old.length) {
    throw new Error(`new RUNPATH "${runpath}" is longer than the old one "${old}"`);
  }
  const end = runpathOffset + old.length;
  const shared = otherStringRefs.find((ref) => ref > runpathOffset && ref < end);
  if (shared !== undefined) throw new Error(`${path}: RUNPATH shares its bytes with another string`);
  const start = strtabOffset + runpathOffset;
  elf.fill(0, start, start + old.length);
  replacement.copy(elf, start);
  writeFileSync(path, elf);
  return old;
}
