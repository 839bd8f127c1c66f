// The precompiled header of tests/pch needs a target that compiles it: this file, which the header
// is force-included into, is that target's only source (tests/pch/CMakeLists.txt).
