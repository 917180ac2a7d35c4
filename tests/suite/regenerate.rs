//! `generate`: one scenario per regeneration rule, for TypeScript and JavaScript projects, plus a
//! crash test, a no-op test and a property test over random spec and user edits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use create_edge_app::render::Ownership;
use create_edge_app::{GenerateOptions, NewOptions, SpecSource};
use predicates::str::contains;

use crate::common::{bin, files_under, new_project};

const LANGS: [&str; 3] = ["ts", "js", "rust"];

const SPEC: &str = r#"[app]
name = "regen"

[bindings.CACHE]
type = "kv"

[[routes]]
method = "GET"
path = "/links/:code"
handler = "getLink"

[[routes]]
method = "POST"
path = "/links"
handler = "createLink"
"#;

/// A generated project in a temp folder.
struct Project {
    _temp: tempfile::TempDir,
    dir: PathBuf,
    lang: &'static str,
}

impl Project {
    fn new(lang: &'static str) -> Self {
        Self::with_spec(lang, SPEC)
    }

    fn with_spec(lang: &'static str, spec: &str) -> Self {
        let temp = tempfile::tempdir().unwrap();
        let spec_path = temp.path().join("spec.toml");
        std::fs::write(&spec_path, spec).unwrap();
        let dir = temp.path().join("app");
        new_project(
            &dir,
            &["--spec", spec_path.to_str().unwrap(), "--lang", lang],
        )
        .success();
        Project {
            _temp: temp,
            dir,
            lang,
        }
    }

    fn rust(&self) -> bool {
        self.lang == "rust"
    }

    /// A project path as the tests write it (`src/handlers/getLink.EXT`), in this project's
    /// language: Rust modules are snake_case `.rs` files.
    fn shown(&self, relative: &str) -> String {
        if !self.rust() {
            return relative.replace("EXT", self.lang);
        }
        let Some((dir, file)) = relative.rsplit_once('/') else {
            return relative.to_owned();
        };
        let (stem, rest) = file.split_once('.').unwrap_or((file, ""));
        let user_module =
            ["src/handlers", "src/objects", "src/crons", "src/consumers"].contains(&dir);
        let stem = if user_module {
            convert_case::Casing::to_case(&stem, convert_case::Case::Snake)
        } else {
            stem.to_owned()
        };
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{dir}/{stem}{dot}{}", rest.replace("EXT", "rs"))
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(self.shown(relative))
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn append(&self, relative: &str, text: &str) {
        let current = self.read(relative);
        self.write(relative, &format!("{current}{text}"));
    }

    fn exists(&self, relative: &str) -> bool {
        self.path(relative).exists()
    }

    fn edit_spec(&self, from: &str, to: &str) {
        let spec = self.read("edge-app.toml");
        assert!(spec.contains(from), "spec lacks {from:?}");
        self.write("edge-app.toml", &spec.replacen(from, to, 1));
    }

    fn add_to_spec(&self, text: &str) {
        self.append("edge-app.toml", text);
    }

    fn generate(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        bin().arg("generate").arg(&self.dir).args(args).assert()
    }

    /// Every file and its contents.
    fn tree(&self) -> BTreeMap<String, String> {
        files_under(&self.dir)
            .into_iter()
            .map(|f| {
                (
                    f.clone(),
                    std::fs::read_to_string(self.dir.join(&f)).unwrap(),
                )
            })
            .collect()
    }
}

const ABOUT: &str = "\n[[routes]]\nmethod = \"GET\"\npath = \"/about\"\nhandler = \"about\"\n";

#[test]
fn generated_files_follow_the_spec() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.add_to_spec(ABOUT);
        p.generate(&[]).success().stdout(contains(format!(
            "created    {}",
            p.shown("src/handlers/about")
        )));
        assert!(p.read("src/generated/router.EXT").contains("\"about\""));
        assert!(p.exists("src/handlers/about.EXT"));
        // Starter tests are per handler in TypeScript and JavaScript; Rust checks the tables.
        assert_eq!(p.exists("test/about.test.EXT"), !p.rust());
    }
}

#[test]
fn an_edited_generated_file_stops_the_run_and_force_keeps_a_backup() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.append("src/generated/router.EXT", "// my tweak\n");
        p.add_to_spec(ABOUT);
        p.generate(&[])
            .code(1)
            .stderr(contains("src/generated/router."))
            .stderr(contains("--force"));
        assert!(
            !p.exists("src/handlers/about.EXT"),
            "a refused run writes nothing"
        );
        p.generate(&["--force"])
            .success()
            .stdout(contains("backed_up"));
        assert!(
            p.read(".edge-app/backup/src/generated/router.EXT")
                .contains("// my tweak")
        );
        assert!(!p.read("src/generated/router.EXT").contains("// my tweak"));
    }
}

#[test]
fn an_unedited_scaffold_follows_the_spec() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.edit_spec("path = \"/links/:code\"", "path = \"/l/:code\"");
        p.generate(&[]).success().stdout(contains(format!(
            "updated    {}",
            p.shown("src/handlers/getLink")
        )));
        assert!(p.read("src/handlers/getLink.EXT").contains("GET /l/:code"));
    }
}

#[test]
fn an_edited_scaffold_is_kept_when_the_spec_does_not_touch_it() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.append("src/handlers/getLink.EXT", "// mine\n");
        p.add_to_spec(ABOUT);
        p.generate(&[]).success();
        assert!(p.read("src/handlers/getLink.EXT").ends_with("// mine\n"));
    }
}

#[test]
fn edits_on_both_sides_merge_line_by_line() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.append("src/handlers/getLink.EXT", "// mine\n");
        p.edit_spec("path = \"/links/:code\"", "path = \"/l/:code\"");
        p.generate(&[]).success().stdout(contains(format!(
            "merged     {}",
            p.shown("src/handlers/getLink")
        )));
        let merged = p.read("src/handlers/getLink.EXT");
        assert!(
            merged.contains("GET /l/:code") && merged.ends_with("// mine\n"),
            "{merged}"
        );
    }
}

#[test]
fn a_conflict_writes_markers_and_blocks_the_next_run_until_resolved() {
    for lang in LANGS {
        let p = Project::new(lang);
        let stub = p.read("src/handlers/getLink.EXT");
        let first = stub.lines().next().unwrap().to_owned();
        p.write(
            "src/handlers/getLink.EXT",
            &stub.replacen(&first, "// my own header", 1),
        );
        p.edit_spec("path = \"/links/:code\"", "path = \"/l/:code\"");
        p.generate(&[]).code(1).stdout(contains(format!(
            "conflict   {}",
            p.shown("src/handlers/getLink")
        )));
        let conflicted = p.read("src/handlers/getLink.EXT");
        assert!(
            conflicted.contains("<<<<<<< yours") && conflicted.contains(">>>>>>> generated now")
        );
        p.add_to_spec(ABOUT);
        p.generate(&[]).code(1).stderr(contains("conflict markers"));
        p.generate(&["--check"]).code(1);
        p.write(
            "src/handlers/getLink.EXT",
            &stub.replacen(&first, "// my own header", 1),
        );
        p.generate(&["--resolved"]).success();
        assert!(
            p.read("src/handlers/getLink.EXT")
                .starts_with("// my own header")
        );
        assert!(p.exists("src/handlers/about.EXT"));
        p.generate(&["--check"]).success();
    }
}

#[test]
fn structured_files_merge_key_by_key() {
    for lang in LANGS {
        let p = Project::new(lang);
        if p.rust() {
            cargo_toml_merges_key_by_key(&p);
            continue;
        }
        let mut package: serde_json::Value = serde_json::from_str(&p.read("package.json")).unwrap();
        package["devDependencies"]["zod"] = "3.25.0".into();
        package["scripts"]["lint"] = "eslint .".into();
        p.write(
            "package.json",
            &serde_json::to_string_pretty(&package).unwrap(),
        );
        let mut tsconfig: serde_json::Value =
            serde_json::from_str(&p.read("tsconfig.json")).unwrap();
        tsconfig["compilerOptions"]["noUncheckedIndexedAccess"] = true.into();
        p.write(
            "tsconfig.json",
            &serde_json::to_string_pretty(&tsconfig).unwrap(),
        );
        p.edit_spec("name = \"regen\"", "name = \"regen-two\"");
        p.generate(&[])
            .success()
            .stdout(contains("merged     package.json"));
        let package: serde_json::Value = serde_json::from_str(&p.read("package.json")).unwrap();
        assert_eq!(
            package["name"], "regen-two",
            "the generator's key follows the spec"
        );
        assert_eq!(
            package["devDependencies"]["zod"], "3.25.0",
            "the user's dependency survives"
        );
        assert_eq!(package["scripts"]["lint"], "eslint .");
        let tsconfig: serde_json::Value = serde_json::from_str(&p.read("tsconfig.json")).unwrap();
        assert_eq!(
            tsconfig["compilerOptions"]["noUncheckedIndexedAccess"],
            true
        );
    }
}

/// `Cargo.toml`: the user's dependency, comment and edited value survive; the generator's keys
/// follow the spec.
fn cargo_toml_merges_key_by_key(p: &Project) {
    let cargo = p.read("Cargo.toml");
    let edited = cargo
        .replace(
            "[dependencies]\n",
            "[dependencies]\n# for errors\nanyhow = \"1\"\n",
        )
        .replace(
            "opt-level = \"z\"",
            "opt-level = \"s\" # faster than z for us",
        );
    assert_ne!(edited, cargo);
    p.write("Cargo.toml", &edited);
    p.add_to_spec("\n[bindings.DB]\ntype = \"d1\"\ndatabase_name = \"regen-db\"\n");
    p.edit_spec("name = \"regen\"", "name = \"regen-two\"");
    p.generate(&[])
        .success()
        .stdout(contains("merged     Cargo.toml"));
    let merged = p.read("Cargo.toml");
    let doc: toml::Table = toml::from_str(&merged).unwrap();
    assert_eq!(
        doc["package"]["name"].as_str(),
        Some("regen_two"),
        "{merged}"
    );
    assert_eq!(
        doc["dependencies"]["anyhow"].as_str(),
        Some("1"),
        "{merged}"
    );
    let features = &doc["dependencies"]["worker"]["features"];
    assert!(
        features
            .as_array()
            .is_some_and(|f| f.iter().any(|v| v.as_str() == Some("d1"))),
        "{merged}"
    );
    assert!(
        merged.contains("# for errors")
            && merged.contains("opt-level = \"s\" # faster than z for us"),
        "{merged}"
    );
}

#[test]
fn files_the_spec_drops_are_deleted_only_when_unedited() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.append("src/handlers/createLink.EXT", "// mine\n");
        let spec = p.read("edge-app.toml");
        let start = spec.find("[[routes]]").unwrap();
        p.write("edge-app.toml", &spec[..start]);
        let out = p.generate(&[]).success();
        out.stdout(contains(format!(
            "deleted    {}",
            p.shown("src/handlers/getLink")
        )))
        .stdout(contains(format!(
            "orphaned   {}",
            p.shown("src/handlers/createLink")
        )));
        assert!(!p.exists("src/handlers/getLink.EXT"));
        assert!(p.read("src/handlers/createLink.EXT").ends_with("// mine\n"));
        let manifest = p.read(".edge-app/manifest.json");
        assert!(
            !manifest.contains(&p.shown("src/handlers/createLink.EXT")),
            "an orphan is no longer tracked"
        );
    }
}

#[test]
fn a_file_in_the_way_is_never_overwritten() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.write("src/handlers/about.EXT", "// my own about page\n");
        p.add_to_spec(ABOUT);
        p.generate(&[]).success().stdout(contains(format!(
            "beside     {}",
            p.shown("src/handlers/about")
        )));
        assert_eq!(p.read("src/handlers/about.EXT"), "// my own about page\n");
        assert!(p.read("src/handlers/about.EXT.new").contains("about"));
    }
}

#[test]
fn a_renamed_handler_moves_its_code() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.append("src/handlers/getLink.EXT", "// mine\n");
        p.edit_spec("handler = \"getLink\"", "handler = \"fetchLink\"");
        p.generate(&[]).success().stdout(contains(format!(
            "moved      {}",
            p.shown("src/handlers/fetchLink")
        )));
        assert!(!p.exists("src/handlers/getLink.EXT"));
        let moved = p.read("src/handlers/fetchLink.EXT");
        let declared = if p.rust() {
            "\"handler\": \"fetchLink\""
        } else {
            "export const fetchLink"
        };
        assert!(
            moved.ends_with("// mine\n") && moved.contains(declared),
            "{moved}"
        );
        assert!(!moved.contains("getLink"));
    }
}

#[test]
fn durable_object_migrations_are_appended_never_rewritten() {
    let object = "\n[bindings.ROOMS]\ntype = \"durable_object\"\nclass_name = \"Room\"\n";
    for lang in LANGS {
        let p = Project::new(lang);
        p.add_to_spec(object);
        p.generate(&[]).success();
        let migrations = |p: &Project| -> Vec<toml::Value> {
            let config: toml::Table = toml::from_str(&p.read("wrangler.toml")).unwrap();
            config
                .get("migrations")
                .and_then(|m| m.as_array())
                .cloned()
                .unwrap_or_default()
        };
        let first = migrations(&p);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0]["new_sqlite_classes"][0].as_str(), Some("Room"));
        p.edit_spec("class_name = \"Room\"", "class_name = \"ChatRoom\"");
        p.generate(&[]).success().stdout(contains(format!(
            "moved      {}",
            p.shown("src/objects/ChatRoom")
        )));
        let second = migrations(&p);
        assert_eq!(second[0], first[0]);
        assert_eq!(
            second[1]["renamed_classes"][0]["from"].as_str(),
            Some("Room")
        );
        assert_eq!(
            second[1]["renamed_classes"][0]["to"].as_str(),
            Some("ChatRoom")
        );
        p.edit_spec(
            "[bindings.ROOMS]\ntype = \"durable_object\"\nclass_name = \"ChatRoom\"\n",
            "",
        );
        p.generate(&[]).success();
        let third = migrations(&p);
        assert_eq!(&third[..2], &second[..]);
        assert_eq!(third[2]["deleted_classes"][0].as_str(), Some("ChatRoom"));
    }
}

#[test]
fn dry_run_and_check_write_nothing() {
    for lang in LANGS {
        let p = Project::new(lang);
        p.add_to_spec(ABOUT);
        let before = p.tree();
        let out = p.generate(&["--dry-run"]).success();
        out.stdout(contains("+++ b/src/handlers/about."))
            .stdout(contains("dry run: nothing written"));
        p.generate(&["--check"])
            .code(1)
            .stdout(contains("out of date"));
        assert_eq!(p.tree(), before);
        p.generate(&[]).success();
        p.generate(&["--check"])
            .success()
            .stdout(contains("up to date"));
    }
}

#[test]
fn json_report() {
    let p = Project::new("ts");
    p.add_to_spec(ABOUT);
    let output = p
        .generate(&["--format", "json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["applied"], true);
    let events = report["events"].as_array().unwrap();
    assert!(
        events
            .iter()
            .any(|e| e["path"] == "src/handlers/about.ts" && e["action"] == "created")
    );
}

#[test]
fn a_no_op_run_changes_nothing_not_even_timestamps() {
    for lang in LANGS {
        let p = Project::new(lang);
        let stamps = |p: &Project| -> Vec<(String, std::time::SystemTime)> {
            files_under(&p.dir)
                .into_iter()
                .map(|f| {
                    let modified = std::fs::metadata(p.dir.join(&f))
                        .unwrap()
                        .modified()
                        .unwrap();
                    (f, modified)
                })
                .collect()
        };
        let before = stamps(&p);
        std::thread::sleep(std::time::Duration::from_millis(20));
        p.generate(&[]).success().stdout(contains("up to date"));
        assert_eq!(stamps(&p), before);
    }
}

#[test]
fn broken_or_missing_manifests_are_refused_not_repaired() {
    let p = Project::new("ts");
    p.write(".edge-app/manifest.json", "{ not json");
    p.generate(&[])
        .code(2)
        .stderr(contains("cannot read"))
        .stderr(contains("restore it"));
    assert_eq!(p.read(".edge-app/manifest.json"), "{ not json");
    let escape = Project::new("ts");
    let manifest = escape
        .read(".edge-app/manifest.json")
        .replace("\"README.md\"", "\"../README.md\"");
    escape.write(".edge-app/manifest.json", &manifest);
    escape
        .generate(&[])
        .code(2)
        .stderr(contains("outside the project"));
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("edge-app.toml"), SPEC).unwrap();
    bin()
        .arg("generate")
        .arg(temp.path())
        .assert()
        .code(2)
        .stderr(contains("not generated by create-edge-app"));
}

/// Plans one regeneration of `dir` through the library, as `generate` does.
fn plan_for(dir: &Path) -> create_edge_app::plan::Plan {
    let text = std::fs::read_to_string(dir.join("edge-app.toml")).unwrap();
    let source = create_edge_app::load::Source::new("edge-app.toml", text.clone());
    let spec = create_edge_app::load::load(&source).unwrap();
    let manifest = create_edge_app::apply::read_manifest(dir).unwrap();
    let model = create_edge_app::lower::lower(&spec, &manifest.durable_objects);
    let files = create_edge_app::render::render(&spec, &model, &text).unwrap();
    let snapshot = create_edge_app::apply::read_project(dir, &files).unwrap();
    create_edge_app::plan::plan(&snapshot, &files, &model.object_history, Default::default())
        .unwrap()
}

#[test]
fn a_crash_at_any_step_is_finished_by_the_next_run() {
    let change = |p: &Project| {
        p.append("src/handlers/getLink.EXT", "// mine\n");
        p.edit_spec("handler = \"createLink\"", "handler = \"makeLink\"");
        p.add_to_spec(ABOUT);
    };
    let reference = Project::new("ts");
    change(&reference);
    reference.generate(&[]).success();
    let expected = reference.tree();
    let steps = {
        let p = Project::new("ts");
        change(&p);
        let plan = plan_for(&p.dir);
        2 * plan.writes.len() + plan.deletes.len() + 1
    };
    for fail_after in 0..steps {
        let p = Project::new("ts");
        change(&p);
        let before = p.tree();
        let plan = plan_for(&p.dir);
        let result = create_edge_app::apply::execute(&p.dir, &plan, Some(fail_after));
        assert!(result.is_err(), "step {fail_after} of {steps} should fail");
        let after_crash = p.tree();
        let journal = after_crash.contains_key(".edge-app/journal.json");
        if !journal {
            // Before the journal, nothing outside the staging folder changed.
            let visible: BTreeMap<_, _> = after_crash
                .into_iter()
                .filter(|(k, _)| !k.starts_with(".edge-app/staging"))
                .collect();
            assert_eq!(visible, before, "step {fail_after}");
        }
        p.generate(&[]).success();
        assert_eq!(
            p.tree(),
            expected,
            "after a crash at step {fail_after}, the next run completes the change"
        );
    }
}

/// A tiny deterministic generator, so a failing case can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The spec edits the property test draws from, as whole-spec rewrites of a small model.
#[derive(Clone, Debug, Default)]
struct Model {
    language: &'static str,
    routes: Vec<(String, String)>,
    kv: Vec<String>,
    crons: Vec<(String, String)>,
    consumers: Vec<(String, String)>,
    objects: Vec<(String, String)>,
}

impl Model {
    fn spec(&self) -> String {
        let mut s = format!("[app]\nname = \"prop\"\nlanguage = \"{}\"\n", self.language);
        for name in &self.kv {
            s.push_str(&format!("\n[bindings.{name}]\ntype = \"kv\"\n"));
        }
        for (binding, class) in &self.objects {
            s.push_str(&format!(
                "\n[bindings.{binding}]\ntype = \"durable_object\"\nclass_name = \"{class}\"\n"
            ));
        }
        for (path, handler) in &self.routes {
            s.push_str(&format!(
                "\n[[routes]]\npath = \"{path}\"\nhandler = \"{handler}\"\n"
            ));
        }
        for (schedule, handler) in &self.crons {
            s.push_str(&format!(
                "\n[[crons]]\nschedule = \"{schedule}\"\nhandler = \"{handler}\"\n"
            ));
        }
        for (queue, handler) in &self.consumers {
            s.push_str(&format!(
                "\n[[consumers]]\nqueue = \"{queue}\"\nhandler = \"{handler}\"\n"
            ));
        }
        s
    }

    fn edit(&mut self, rng: &mut Rng, serial: usize) {
        let n = serial;
        match rng.below(10) {
            0 => self
                .routes
                .push((format!("/r{n}/:id"), format!("route{n}"))),
            1 if !self.routes.is_empty() => drop(self.routes.remove(rng.below(self.routes.len()))),
            2 if !self.routes.is_empty() => {
                let i = rng.below(self.routes.len());
                if rng.below(2) == 0 {
                    self.routes[i].1 = format!("renamed{n}");
                } else {
                    // Same handler, new path: its stub's header comment changes.
                    self.routes[i].0 = format!("/moved{n}/:id");
                }
            }
            3 => self.kv.push(format!("KV{n}")),
            4 if !self.kv.is_empty() => drop(self.kv.remove(rng.below(self.kv.len()))),
            5 => self
                .crons
                .push((format!("{} * * * *", n % 60), format!("cron{n}"))),
            6 if !self.crons.is_empty() => drop(self.crons.remove(rng.below(self.crons.len()))),
            7 => self
                .consumers
                .push((format!("queue-{n}"), format!("consume{n}"))),
            8 => self.objects.push((format!("OBJ{n}"), format!("Object{n}"))),
            _ if !self.objects.is_empty() => {
                let i = rng.below(self.objects.len());
                if rng.below(2) == 0 {
                    self.objects[i].1 = format!("Renamed{n}");
                } else {
                    self.objects.remove(i);
                }
            }
            _ => self.routes.push((format!("/x{n}"), format!("extra{n}"))),
        }
    }
}

#[test]
fn property_user_lines_survive_and_generated_files_match_a_fresh_generation() {
    let seed: u64 = std::env::var("REGEN_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_cafe);
    let cases: usize = std::env::var("REGEN_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let mut conflicts = 0;
    for case in 0..cases {
        let case_seed = seed.wrapping_add(case as u64 * 0x9e37_79b9).max(1);
        let result = std::panic::catch_unwind(|| {
            let temp = tempfile::tempdir().unwrap();
            run_case(case_seed, &temp.path().join("app"), &mut |_| {})
        });
        match result {
            Ok(c) => conflicts += c,
            Err(panic) => {
                eprintln!(
                    "property case {case} failed: replay with REGEN_SEED={case_seed} REGEN_CASES=1"
                );
                std::panic::resume_unwind(panic);
            }
        }
    }
    println!("property test: {cases} cases, {conflicts} conflicts");
}

/// The language a case's seed picks.
pub(crate) fn case_language(seed: u64) -> &'static str {
    LANGS[Rng(seed).below(LANGS.len())]
}

/// One random sequence of spec and user edits on a project generated into `dir` (which may hold
/// only `node_modules`), calling `after_step` after each regeneration; returns how many conflicts
/// it met.
pub(crate) fn run_case(seed: u64, dir: &Path, after_step: &mut dyn FnMut(&Path)) -> usize {
    let mut rng = Rng(seed);
    let lang = LANGS[rng.below(LANGS.len())];
    debug_assert_eq!(lang, case_language(seed));
    let mut model = Model {
        language: lang,
        ..Model::default()
    };
    model.routes.push(("/".to_owned(), "home".to_owned()));
    let temp = tempfile::tempdir().unwrap();
    let spec_path = temp.path().join("spec.toml");
    std::fs::write(&spec_path, model.spec()).unwrap();
    let options = NewOptions {
        dir: dir.to_owned(),
        spec: SpecSource::File(spec_path),
        language: None,
        name: None,
        force: true,
    };
    create_edge_app::new_project(&options).unwrap();
    let mut user_lines: Vec<String> = Vec::new();
    let mut conflicts = 0;
    for step in 0..4 {
        // A user edit: a line appended to a scaffold file, a dependency, or a file of their own.
        let scaffolds: Vec<String> = files_under(dir)
            .into_iter()
            .filter(|f| {
                f.starts_with("src/handlers/")
                    || f.starts_with("src/crons/")
                    || f.starts_with("src/objects/")
            })
            .filter(|f| !f.ends_with(".new"))
            // A Rust folder's `mod.rs` is generated: the generator declares the modules.
            .filter(|f| !f.ends_with("/mod.rs"))
            .collect();
        let line = format!("// user line {seed} {step}");
        match rng.below(4) {
            3 if !scaffolds.is_empty() => {
                // Rewrite the first line, where the spec's changes land too: conflicts happen.
                let file = dir.join(&scaffolds[rng.below(scaffolds.len())]);
                let text = std::fs::read_to_string(&file).unwrap();
                let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
                if first.starts_with("// user line") {
                    // Never overwrite an earlier user line: that loss would be the test's doing.
                    std::fs::write(&file, format!("{line}\n{text}")).unwrap();
                } else {
                    std::fs::write(&file, format!("{line}\n{rest}")).unwrap();
                }
                user_lines.push(line);
            }
            0 if !scaffolds.is_empty() => {
                let file = dir.join(&scaffolds[rng.below(scaffolds.len())]);
                let text = std::fs::read_to_string(&file).unwrap();
                std::fs::write(&file, format!("{text}{line}\n")).unwrap();
                user_lines.push(line);
            }
            1 => {
                let path = dir.join("package.json");
                let mut package: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                package["dependencies"][format!("dep-{step}")] = "1.0.0".into();
                std::fs::write(&path, serde_json::to_string_pretty(&package).unwrap()).unwrap();
                user_lines.push(format!("\"dep-{step}\": \"1.0.0\""));
            }
            _ => {
                std::fs::create_dir_all(dir.join("src/lib")).unwrap();
                std::fs::write(
                    dir.join(format!("src/lib/util{step}.ts")),
                    format!("{line}\n"),
                )
                .unwrap();
                user_lines.push(line);
            }
        }
        let serial = step * 100 + rng.below(100);
        model.edit(&mut rng, serial);
        std::fs::write(dir.join("edge-app.toml"), model.spec()).unwrap();
        if std::env::var_os("REGEN_DEBUG").is_some() {
            eprintln!(
                "step {step}: user edit {:?}\nspec:\n{}",
                user_lines.last(),
                model.spec()
            );
        }
        let report = create_edge_app::generate(&GenerateOptions {
            dir: dir.to_owned(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("seed {seed} step {step}: {e}\nspec:\n{}", model.spec()));
        if std::env::var_os("REGEN_DEBUG").is_some() {
            eprintln!("{:#?}", report.events);
        }
        // An orphan (edited, no longer generated) is the user's to deal with: park it out of the
        // compiled tree, as a person reading the report would.
        for event in &report.events {
            if event.action == create_edge_app::plan::Action::Orphaned {
                let from = dir.join(&event.path);
                std::fs::rename(&from, dir.join(format!("{}.orphaned", event.path))).unwrap();
            }
        }
        if report.conflicts {
            conflicts += 1;
            // Resolve by taking the user's side, as a person would after reading the markers.
            for file in files_under(dir) {
                let path = dir.join(&file);
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("<<<<<<< yours") {
                    std::fs::write(&path, take_yours(&text)).unwrap();
                }
            }
            create_edge_app::generate(&GenerateOptions {
                dir: dir.to_owned(),
                resolved: true,
                ..Default::default()
            })
            .unwrap();
        }
        let everything: String = files_under(dir)
            .into_iter()
            .filter(|f| !f.starts_with(".edge-app/"))
            .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
            .collect();
        for line in &user_lines {
            assert!(
                everything.contains(line.as_str()),
                "seed {seed} step {step}: lost {line:?}"
            );
        }
        assert_generated_match_fresh(dir, seed);
        after_step(dir);
    }
    conflicts
}

/// The `yours` side of every conflict.
fn take_yours(text: &str) -> String {
    let mut out = String::new();
    let mut side = 0; // 0 outside, 1 yours, 2 base or theirs
    for line in text.split_inclusive('\n') {
        match line.trim_end() {
            "<<<<<<< yours" => side = 1,
            "||||||| last generated" | "=======" if side != 0 => side = 2,
            ">>>>>>> generated now" => side = 0,
            _ if side != 2 => out.push_str(line),
            _ => {}
        }
    }
    out
}

/// Generated files equal what a fresh generation renders from the same spec (the wrangler config
/// apart from its migrations, which carry history by design).
fn assert_generated_match_fresh(dir: &Path, seed: u64) {
    let text = std::fs::read_to_string(dir.join("edge-app.toml")).unwrap();
    let source = create_edge_app::load::Source::new("edge-app.toml", text.clone());
    let spec = create_edge_app::load::load(&source).unwrap();
    let model = create_edge_app::lower::lower(&spec, &Default::default());
    let fresh = create_edge_app::render::render(&spec, &model, &text).unwrap();
    let manifest = create_edge_app::apply::read_manifest(dir).unwrap();
    let generated: Vec<&String> = manifest
        .files
        .iter()
        .filter(|(_, e)| e.ownership == Ownership::Generated)
        .map(|(p, _)| p)
        .collect();
    let expected: Vec<&String> = fresh
        .iter()
        .filter(|f| f.ownership == Ownership::Generated)
        .map(|f| &f.path)
        .collect();
    assert_eq!(
        generated, expected,
        "seed {seed}: the generated files differ from a fresh generation"
    );
    for file in fresh.iter().filter(|f| f.ownership == Ownership::Generated) {
        let ours = std::fs::read_to_string(dir.join(&file.path)).unwrap();
        if file.path.starts_with("wrangler.") {
            let strip = |text: &str| {
                let mut table: toml::Table = toml::from_str(text).unwrap();
                table.remove("migrations");
                table
            };
            assert_eq!(
                strip(&ours),
                strip(&file.contents),
                "seed {seed}: {}",
                file.path
            );
        } else {
            assert_eq!(
                ours, file.contents,
                "seed {seed}: {} differs from a fresh generation",
                file.path
            );
        }
    }
}
