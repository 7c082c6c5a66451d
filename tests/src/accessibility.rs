//! An accessibility audit of what the app shows: axe-core (the engine browsers' own audit
//! tools use), loaded from the UI's packages into the real webview and run on the page
//! as it stands. The app is held to WCAG 2.1 AA: a critical, serious or moderate
//! violation fails (moderate too: heading order and landmarks are what a screen reader's
//! user finds the way by).

use std::time::Duration;

use serde::Deserialize;

use crate::app_session::AppSession;

/// One rule broken, and where.
#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub targets: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {} — {}",
            self.id,
            self.impact.as_deref().unwrap_or("?"),
            self.help,
            self.targets.join(", ")
        )
    }
}

fn axe_source() -> String {
    let path = crate::paths::workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{} ({err}): run npm ci in ui/", path.display()))
}

const RUN: &str = r#"
const done = arguments[arguments.length - 1];
window.axe
  .run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })
  .then((result) =>
    done(
      result.violations
        .filter((v) => v.impact === 'critical' || v.impact === 'serious' || v.impact === 'moderate')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
    ),
  )
  .catch((err) => done([{ id: 'axe-failed', impact: 'critical', help: String(err), targets: [] }]));
"#;

impl AppSession {
    /// The critical, serious and moderate violations on the page as it is now.
    pub async fn accessibility_violations(&self) -> Vec<Violation> {
        let loaded = self.client.execute("return typeof window.axe === 'object';", vec![]).await.expect("probe axe");
        if loaded != serde_json::Value::Bool(true) {
            self.client.execute(&format!("{}\nreturn true;", axe_source()), vec![]).await.expect("load axe-core");
        }
        let run = self.client.execute_async(RUN, vec![]);
        let found =
            tokio::time::timeout(Duration::from_secs(60), run).await.expect("axe within 60 s").expect("axe ran");
        serde_json::from_value(found).expect("axe's violations")
    }
}
