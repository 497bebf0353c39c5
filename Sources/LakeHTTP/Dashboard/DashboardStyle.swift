/// The dashboard's CSS and script, inline (no CDN, no build step, works offline).
enum DashboardStyle {
    static let css = """
    :root{--bg:#f6f7f9;--card:#fff;--ink:#1d2330;--muted:#667085;--line:#e4e7ec;--ok:#12a150;--fail:#d92d20;--run:#1570ef;--warn:#dc6803;--idle:#98a2b3}
    *{box-sizing:border-box}body{margin:0;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:var(--bg);color:var(--ink)}
    header{background:#101828;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center}
    header b{font-size:16px;margin-right:8px}header a{color:#d0d5dd;text-decoration:none;padding:4px 2px}header a.on{color:#fff;border-bottom:2px solid #fff}
    main{padding:16px;max-width:1400px;margin:0 auto}h1{font-size:20px;margin:4px 0 14px}h2{font-size:15px;margin:0 0 10px}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;overflow-x:auto;margin-bottom:14px}
    table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);white-space:nowrap}th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase}
    td.wrap{white-space:normal;word-break:break-word}.muted{color:var(--muted)}.num{text-align:right;font-variant-numeric:tabular-nums}
    .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}.COMPLETED,.ACTIVE{background:var(--ok)}.FAILED{background:var(--fail)}.RUNNING{background:var(--run)}.INACTIVE{background:var(--warn)}.NONE{background:var(--idle)}
    .kpi{font-size:26px;font-weight:700}.error{background:#fef3f2;border:1px solid #fecdca;border-radius:6px;padding:10px;margin:8px 0}.hint{background:#f0f9ff;border:1px solid #b9e6fe;border-radius:6px;padding:10px}
    button{background:#1570ef;color:#fff;border:0;border-radius:6px;padding:7px 14px;font-weight:600;cursor:pointer}button.secondary{background:#475467}
    form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin-bottom:12px}form.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
    select,input{padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}a{color:#175cd3}pre{white-space:pre-wrap;background:#f2f4f7;padding:10px;border-radius:6px;overflow-x:auto}
    .cell{display:inline-block;width:16px;height:16px;border-radius:3px;margin:1px}.timeline{border-left:2px solid var(--line);margin-left:6px;padding-left:12px}.timeline div{margin:4px 0}
    #message{margin:8px 0;font-weight:600}@media (max-width:640px){main{padding:8px}th,td{padding:5px}.kpi{font-size:20px}}
    """

    /// Sends the dashboard's actions to the API with the session's CSRF token; shows the answer.
    static let script = """
    async function lakeAction(method, path, body) {
      const token = document.querySelector('meta[name="csrf-token"]').content;
      const out = document.getElementById('message');
      try {
        const response = await fetch(path, {method, credentials: 'same-origin', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token}, body: JSON.stringify(body)});
        const answer = await response.json();
        out.textContent = response.ok ? 'Done: ' + JSON.stringify(answer) : 'Failed: ' + (answer.error ? answer.error.message : response.status);
        out.style.color = response.ok ? 'var(--ok)' : 'var(--fail)';
      } catch (e) { out.textContent = 'Failed: ' + e; out.style.color = 'var(--fail)'; }
    }
    """
}
