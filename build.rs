// Rebuild when the embedded gallery or templates change (include_dir! does not track new files).
fn main() {
    println!("cargo:rerun-if-changed=gallery");
    println!("cargo:rerun-if-changed=templates");
}
