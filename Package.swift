// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Edgewise",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "edgewise", targets: ["edgewise"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CImageCodecs", providers: [.apt(["libpng-dev", "libjpeg62-turbo-dev"])]),
        .target(name: "EdgewiseResources", path: "Resources", exclude: ["advisor/README.md", "demo/README.md"],
                resources: [.copy("advisor"), .copy("demo")]),
        .target(name: "FlatBuffers"),
        .target(name: "LiteModel", dependencies: ["FlatBuffers"]),
        /// Float32 micro-kernels in C: AVX2+FMA chosen at run time, portable C otherwise.
        .target(name: "CKernels"),
        // Runtime's Swift code builds for the baseline CPU, so one binary runs on any x86-64 or arm64
        // machine; the hot loops are C kernels in CKernels that choose AVX2+FMA at run time.
        .target(name: "Runtime", dependencies: ["LiteModel", "CKernels"]),
        .target(name: "Evaluation", dependencies: ["LiteModel", "Runtime", "CZlib", "CImageCodecs"]),
        .target(name: "Optimizer", dependencies: ["LiteModel", "Runtime", "Evaluation"]),
        .target(name: "Advisor", dependencies: ["LiteModel", "Runtime", "Evaluation", "Optimizer", "EdgewiseResources"]),
        .target(name: "TerminalUI", dependencies: ["CNcurses"]),
        .target(name: "EdgewiseApp", dependencies: ["LiteModel", "Runtime", "Evaluation", "Optimizer", "Advisor", "TerminalUI", "EdgewiseResources"]),
        .executableTarget(
            name: "edgewise",
            dependencies: [
                "LiteModel", "Runtime", "Evaluation", "Optimizer", "Advisor", "TerminalUI", "EdgewiseResources", "EdgewiseApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FlatBuffersTests", dependencies: ["FlatBuffers"], exclude: ["make_reference_buffer.py"]),
        .testTarget(name: "LiteModelTests", dependencies: ["LiteModel", "TestSupport"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Evaluation", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["edgewise", "LiteModel", "TestSupport"]),
        .testTarget(name: "AdvisorTests", dependencies: ["Advisor", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], exclude: ["Snapshots"]),
        .testTarget(name: "EdgewiseAppTests", dependencies: ["EdgewiseApp", "Advisor", "Evaluation", "Optimizer", "TerminalUI", "LiteModel"], exclude: ["Snapshots"]),
        .testTarget(name: "OptimizerTests", dependencies: ["Optimizer", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
