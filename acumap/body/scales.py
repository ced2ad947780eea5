"""Each diagram's cun scale: how many of its cm make one cun, across and up and down (docs/coordinates.md).

The back uses B-cun across (anatomy.CM_PER_CUN, 2.25 cm); the forearm is 12 cun from the wrist to the elbow
crease (25 cm); the lower leg 16 cun from the popliteal crease to the lateral malleolus (38.4 cm); the head is
drawn with GV20 5 cun behind the anterior hairline (8.5 cm), so 1.7 cm per cun (landmarks.HEAD_CM_PER_CUN). The
neck is measured across by its own B-cun (9 cun between the mastoid processes) and up and down by the
hairline-to-GV14 measure (3 cun): CM_PER_CUN_ACROSS holds the across scale, CM_PER_CUN_XY both.
"""

from __future__ import annotations

from acumap.body import anatomy, landmarks, neck

CM_PER_CUN_ACROSS: dict[str, float] = {
    "back": anatomy.CM_PER_CUN,
    "hand": 25.0 / 12.0,
    "leg": 38.4 / 16.0,
    "head": landmarks.HEAD_CM_PER_CUN,
    "neck": neck.CM_PER_CUN_X,
}
CM_PER_CUN_XY: dict[str, tuple[float, float]] = {view: (s, s) for view, s in CM_PER_CUN_ACROSS.items()} | {
    "neck": (neck.CM_PER_CUN_X, neck.CM_PER_CUN_Y)
}
