'use strict';
// A local osls plugin: after `sls deploy`, uploads the Glue job script (jobs/*.py) and the compaction spec
// (jobs/compaction/*.sql) to the data bucket under glue/scripts/, where the CompactionJob's ScriptLocation
// and --extra-files point. `sls package` uploads nothing,
// so packaging stays offline. Uses the provider's own request() and credentials, as deploy does.
const fs = require('node:fs');
const path = require('node:path');

const SCRIPT_PREFIX = 'glue/scripts/';
const SCRIPT_FILE = /\.(py|sql)$/;

class GlueScripts {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    this.hooks = { 'after:deploy:deploy': () => this.upload() };
  }

  async bucketName() {
    const provider = this.serverless.getProvider('aws');
    const { Stacks } = await provider.request('CloudFormation', 'describeStacks', {
      StackName: provider.naming.getStackName(),
    });
    const output = (Stacks?.[0]?.Outputs ?? []).find((o) => o.OutputKey === 'DataBucketName');
    if (!output) throw new Error('stack output DataBucketName not found: was the stack deployed?');
    return output.OutputValue;
  }

  async upload() {
    const provider = this.serverless.getProvider('aws');
    const jobsDir = path.join(this.serverless.serviceDir, 'jobs');
    const list = (dir) =>
      fs.existsSync(path.join(jobsDir, dir))
        ? fs
            .readdirSync(path.join(jobsDir, dir))
            .filter((f) => SCRIPT_FILE.test(f))
            .map((f) => path.posix.join(dir, f))
        : [];
    const files = [...list('.'), ...list('compaction')];
    if (files.length === 0) {
      this.log?.warning?.('jobs/ holds no script: the Glue compaction job has nothing to run');
      return;
    }
    const bucket = await this.bucketName();
    for (const file of files) {
      const body = fs.readFileSync(path.join(jobsDir, file));
      await provider.request('S3', 'putObject', {
        Bucket: bucket,
        Key: `${SCRIPT_PREFIX}${file}`,
        Body: body,
        ServerSideEncryption: 'AES256',
      });
      this.log?.notice?.(`uploaded jobs/${file} to s3://${bucket}/${SCRIPT_PREFIX}${file}`);
    }
  }
}

module.exports = GlueScripts;
