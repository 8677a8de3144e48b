// Every goal left its files, and the build log shows progress and the report's path.
def polyret = new File(basedir, 'target/polyret')
assert new File(polyret, 'training/model/saved_model/saved_model.pb').isFile()
assert new File(polyret, 'training/training-log.jsonl').isFile()
def evaluation = new File(polyret, 'evaluation.json')
assert evaluation.isFile()
assert evaluation.text.contains('"run_name" : "tiny-hybrid"') || evaluation.text.contains('"run_name":"tiny-hybrid"')
assert new File(polyret, 'runs').list().any { it.endsWith('.qrels') }
def report = new File(polyret, 'report/report.html')
assert report.isFile() && report.text.contains('tiny-hybrid')
def log = new File(basedir, 'build.log').text
assert log.contains('step 5/5 (100%), loss ')
assert log.contains('polyret report: ' + report.absolutePath)
assert log.contains('checks passed')
return true
