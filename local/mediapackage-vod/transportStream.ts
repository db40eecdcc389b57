// Which elementary streams an MPEG-TS segment carries, read from its Program Map Table. Ingest
// needs to know whether a source has audio; asking ffmpeg cost a process per packaging run, and
// starting a process blocks the whole home's event loop for 10-30 ms (fork copies the page
// tables of a process of a few hundred MB), right when the clip's READY write and push are due.
//
// ISO/IEC 13818-1 (MPEG-2 Systems): 188-byte packets; PID 0 carries the Program Association
// Table, which names the PID of each program's PMT; the PMT lists each stream's type.
// RFC 8216 section 3.2 asks for a PAT and a PMT at the start of every HLS segment.

export const TS_PACKET = 188;
const SYNC_BYTE = 0x47;
const PAT_PID = 0;
const PAT_TABLE_ID = 0x00;
const PMT_TABLE_ID = 0x02;

export interface SegmentStreams {
  video: boolean;
  audio: boolean;
}

// stream_type values (13818-1 Table 2-34, and ATSC A/52 for AC-3 and E-AC-3).
const VIDEO_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24, 0x42]);
const AUDIO_TYPES = new Set([0x03, 0x04, 0x0f, 0x11, 0x1c, 0x81, 0x87]);
// stream_type 0x06 (PES private data) is audio when a descriptor says so: DVB's AC-3, E-AC-3,
// DTS and AAC descriptors (EN 300 468), or a registration descriptor naming an audio format.
const PRIVATE_DATA = 0x06;
const AUDIO_DESCRIPTOR_TAGS = new Set([0x6a, 0x7a, 0x7b, 0x7c]);
const REGISTRATION_DESCRIPTOR = 0x05;
const AUDIO_REGISTRATIONS = new Set(['AC-3', 'EAC3', 'Opus', 'DTS1', 'DTS2', 'DTS3']);

/** A PSI section's bytes, from its table_id to its CRC, gathered across packets. */
function sectionCollector(): { add(payload: Buffer, unitStart: boolean): Buffer | undefined } {
  let pending: Buffer | undefined;
  return {
    add(payload, unitStart) {
      if (unitStart) {
        const pointer = payload[0] ?? 0;
        pending = payload.subarray(1 + pointer);
      } else if (pending) {
        pending = Buffer.concat([pending, payload]);
      } else {
        return undefined;
      }
      if (pending.length < 3) return undefined;
      const length = 3 + (((pending[1] ?? 0) & 0x0f) << 8) + (pending[2] ?? 0);
      if (pending.length < length) return undefined;
      const section = pending.subarray(0, length);
      pending = undefined;
      return section;
    },
  };
}

/** The PMT PIDs a PAT names (program 0 is the network PID, not a program). */
function pmtPidsOf(pat: Buffer): number[] {
  const pids: number[] = [];
  // 8 bytes of header before the programs, 4 of CRC after them.
  for (let at = 8; at + 4 <= pat.length - 4; at += 4) {
    const program = pat.readUInt16BE(at);
    if (program !== 0) pids.push(pat.readUInt16BE(at + 2) & 0x1fff);
  }
  return pids;
}

function isAudioPrivateData(descriptors: Buffer): boolean {
  for (let at = 0; at + 2 <= descriptors.length; at += 2 + (descriptors[at + 1] ?? 0)) {
    const tag = descriptors[at] ?? 0;
    if (AUDIO_DESCRIPTOR_TAGS.has(tag)) return true;
    if (tag === REGISTRATION_DESCRIPTOR && AUDIO_REGISTRATIONS.has(descriptors.toString('latin1', at + 2, at + 6))) return true;
  }
  return false;
}

function streamsOfPmt(pmt: Buffer): SegmentStreams {
  const streams: SegmentStreams = { video: false, audio: false };
  const programInfoLength = pmt.readUInt16BE(10) & 0x0fff;
  const end = pmt.length - 4;
  for (let at = 12 + programInfoLength; at + 5 <= end; ) {
    const type = pmt[at] ?? 0;
    const infoLength = pmt.readUInt16BE(at + 3) & 0x0fff;
    const descriptors = pmt.subarray(at + 5, at + 5 + infoLength);
    if (VIDEO_TYPES.has(type)) streams.video = true;
    if (AUDIO_TYPES.has(type) || (type === PRIVATE_DATA && isAudioPrivateData(descriptors))) streams.audio = true;
    at += 5 + infoLength;
  }
  return streams;
}

/** The streams of the first program whose PMT appears in `bytes` (a segment's start); undefined when none does. */
export function streamsOf(bytes: Buffer): SegmentStreams | undefined {
  const collectors = new Map<number, ReturnType<typeof sectionCollector>>([[PAT_PID, sectionCollector()]]);
  const pmtPids = new Set<number>();
  for (let offset = 0; offset + TS_PACKET <= bytes.length; offset += TS_PACKET) {
    if (bytes[offset] !== SYNC_BYTE) return undefined;
    const pid = bytes.readUInt16BE(offset + 1) & 0x1fff;
    const collector = collectors.get(pid);
    if (!collector) continue;
    const unitStart = ((bytes[offset + 1] ?? 0) & 0x40) !== 0;
    const adaptation = ((bytes[offset + 3] ?? 0) >> 4) & 0x3;
    if ((adaptation & 0x1) === 0) continue;
    const payloadStart = offset + 4 + ((adaptation & 0x2) !== 0 ? 1 + (bytes[offset + 4] ?? 0) : 0);
    if (payloadStart >= offset + TS_PACKET) continue;
    const section = collector.add(bytes.subarray(payloadStart, offset + TS_PACKET), unitStart);
    if (!section) continue;
    if (pid === PAT_PID && section[0] === PAT_TABLE_ID) {
      for (const pmtPid of pmtPidsOf(section)) {
        pmtPids.add(pmtPid);
        collectors.set(pmtPid, sectionCollector());
      }
    } else if (pmtPids.has(pid) && section[0] === PMT_TABLE_ID) {
      return streamsOfPmt(section);
    }
  }
  return undefined;
}
