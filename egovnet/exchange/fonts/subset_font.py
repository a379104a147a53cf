import sys

from fontTools import subset

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([b1, b2]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
chars |= (
    set(range(0x3000, 0x3040))
    | set(range(0xFF00, 0xFFF0))
    | set(range(0x2000, 0x2070))
    | {0x2014, 0x2026, 0x00B7, 0x2460, 0x2461, 0x2462, 0x2190, 0x2192, 0x2713, 0x2717, 0x25A0, 0x25A1, 0x3010, 0x3011}
)
# a few traditional/rare characters in division names (e.g. 儋)
chars |= {ord(c) for c in "儋珲圳谯枞婺邛黟鄱濮涪郫邕赉"}
opts = subset.Options()
opts.layout_features = []
opts.hinting = False
opts.name_IDs = ["*"]
opts.notdef_outline = True
opts.font_number = 0
f = subset.load_font(sys.argv[1], opts)
s = subset.Subsetter(opts)
s.populate(unicodes=chars)
s.subset(f)
subset.save_font(f, sys.argv[2], opts)
print(len(chars))
