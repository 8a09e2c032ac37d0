package normalize

import "encoding/binary"

const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// skipPlain returns the offset of the first byte at or after i that is
// not printable ASCII (below 0x20 or 0x80 and above), or len(s). It looks
// at eight bytes at a time (SWAR): most article text is plain ASCII, and
// the checks of this package only care about the other bytes.
func skipPlain(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// high bit set: non-ASCII; (w - 0x20..) & ^w & 0x80..: a byte < 0x20
		if (w|((w-0x20*lo8)&^w))&hi8 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 {
			return i
		}
	}
	return i
}
