"""The body model: the spine ladder and the cun (anatomy), the neck (neck), the landmarks of the other diagrams
(landmarks) and each diagram's cun scale (scales). Facts as named, sourced constants; imports nothing else of AcuMap."""
