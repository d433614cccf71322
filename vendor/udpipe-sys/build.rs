//! Compiles the vendored UDPipe (one amalgamated source file) and the shim. Always with
//! optimisation: an unoptimised parser would make debug builds and tests crawl.

fn main() {
    println!("cargo:rerun-if-changed=cpp");
    cc::Build::new()
        .cpp(true)
        .std("c++11")
        .opt_level(3)
        .define("NDEBUG", None)
        .flag_if_supported("-w") // UDPipe's own warnings are not ours to fix
        .include("cpp")
        .file("cpp/udpipe.cpp")
        .file("cpp/shim.cpp")
        .compile("udpipe");
}
